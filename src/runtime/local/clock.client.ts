import { existsSync } from "node:fs";
import { LocalClock } from "../../platform/adapters/embedded/local-clock.ts";
import { LocalIssuer } from "../../platform/adapters/embedded/local-issuer.ts";
import type { ScheduledRun } from "../../platform/adapters/embedded/local-scheduler.ts";
import { type ClockView, LOCAL_CLOCK_PATH } from "./local-clock.routes.ts";

export { serverUrl } from "../../platform/config/local-server-url.ts";

/** What `/local/clock` answers: the clock, and after a move where it came from and the schedules it ran. */
export type ServerClock = ClockView & {
  readonly moved_from?: string;
  readonly schedules?: readonly ScheduledRun[];
};

/** The server refused: `usage` when the request itself was bad (400), else for the clock or the token. */
export class ClockRefusedError extends Error {
  override readonly name = "ClockRefusedError";
  readonly usage: boolean;
  constructor(message: string, usage = false) {
    super(message);
    this.usage = usage;
  }
}

/** No server listens there (nothing else: a server that answers badly is an error to report). */
function refused(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return cause?.code === "ECONNREFUSED";
}

/**
 * Asks the server at `url` for its clock, or to move it (`move`), with an operator token this CLI
 * issues itself from the data folder's key, on the data folder's clock (the server judges expiry by
 * it). Undefined when no server runs there, or none ever ran on the data folder (it has no key).
 */
export async function serverClock(
  url: string,
  dataDir: string,
  move?: { advance: string } | { to: string },
): Promise<ServerClock | undefined> {
  if (!existsSync(LocalIssuer.keyFile(dataDir))) return undefined;
  const issuer = await LocalIssuer.open(dataDir);
  const token = await issuer.issue(
    { kind: "operator", id: "clock-cli", ttlSeconds: 300 },
    LocalClock.open(dataDir).now(),
  );
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  let response: Response;
  try {
    response = await fetch(`${url}${LOCAL_CLOCK_PATH}`, {
      method: move ? "POST" : "GET",
      headers,
      ...(move ? { body: JSON.stringify(move) } : {}),
    });
  } catch (error) {
    if (refused(error)) return undefined;
    throw new ClockRefusedError(
      `the server at ${url} could not be asked: ${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : error}`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as { detail?: string };
  if (response.ok) return body as ServerClock;
  throw refusal(url, dataDir, response.status, body.detail ?? response.statusText);
}

function refusal(url: string, dataDir: string, status: number, detail: string): ClockRefusedError {
  if (status === 401)
    return new ClockRefusedError(
      `the server at ${url} refused this CLI's token (${detail}): it runs on another data folder than ${dataDir}? Give this CLI its ROSTER_DATA_DIR, PORT and HOST`,
    );
  if (status === 404)
    return new ClockRefusedError(
      `the server at ${url} has no ${LOCAL_CLOCK_PATH}: is it npm start of this Roster?`,
    );
  return new ClockRefusedError(`the server at ${url} refused: ${detail}`, status === 400);
}
