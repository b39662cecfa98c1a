/**
 * Moves the local process's clock forward (time travel, as Stripe's test clocks), or shows it:
 *   npm run clock -- advance <duration> | to <ISO date-time> | show
 * Through the running server's `/local/clock` (which then runs every schedule once), or, when no server
 * answers, in the data folder's clock.json directly, for the next start.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import * as z from "zod";
import {
  ClockMoveRefusedError,
  LocalClock,
  LocalClockFileError,
} from "../../platform/adapters/embedded/local-clock.ts";
import { runningEmbeddedPostgres } from "../../platform/adapters/embedded/running-embedded-postgres.ts";
import { wantsHelp } from "../../platform/config/cli-args.ts";
import { ConfigError } from "../../platform/config/config-error.ts";
import { type LocalConfig, loadLocalConfig } from "../../platform/config/local.config.ts";
import { DURATION_EXAMPLES, parseDuration } from "../../platform/time/duration.ts";
import { ClockRefusedError, type ServerClock, serverClock, serverUrl } from "./clock.client.ts";
import { type ClockView, clockView } from "./local-clock.routes.ts";

const USAGE = "usage: npm run clock -- advance <duration> | to <ISO date-time> | show";

const HELP = `Moves the local clock of npm start forward, or shows it (like Stripe's test clocks).
${USAGE}

advance <duration>   forward by a whole number of minutes, hours, days or weeks: ${DURATION_EXAMPLES}
to <date-time>       forward to an ISO 8601 date-time with its offset, e.g. 2026-09-01T00:00:00Z
show                 the local time, its offset from the real time, and the real time

The clock only moves forward: the periods, tokens and records made since would be in the future of an
earlier time. To start over, stop npm start and delete its data folder (ROSTER_DATA_DIR, default ./.roster).
A running server (at http://HOST:PORT of the local config, default 127.0.0.1:3000) moves it, keeps it in
<data>/clock.json and runs every schedule once at the new time before it answers; with no server
running, this CLI writes clock.json itself and the next npm start runs on it. Every local CLI on the data
folder (token, events, payments) reads the same time. Tokens issued before a move may have expired at
the new time: issue fresh ones with npm run -s token.
`;

export type ClockCommand =
  | { readonly command: "show" }
  | { readonly command: "advance"; readonly duration: string; readonly milliseconds: number }
  | { readonly command: "to"; readonly time: Date };

const DateTime = z.iso.datetime({ offset: true });

export function parseClockArgs(argv: readonly string[]): ClockCommand {
  const [command, value, ...rest] = argv;
  if (command === "show") {
    if (value !== undefined) throw new Error("show takes no argument");
    return { command };
  }
  if (command !== "advance" && command !== "to")
    throw new Error(command ? `unknown command ${command}` : "name a command: advance, to or show");
  if (value === undefined || rest.length > 0)
    throw new Error(`${command} takes one ${command === "advance" ? "duration" : "date-time"}`);
  if (command === "advance") return { command, duration: value, milliseconds: parseDuration(value) };
  if (!DateTime.safeParse(value).success)
    throw new Error(
      `${JSON.stringify(value)} is not an ISO 8601 date-time with its offset, e.g. 2026-09-01T00:00:00Z`,
    );
  return { command, time: new Date(value) };
}

/** Refused for a reason about the data folder or the clock, not the command line: exit 1. */
class RefusedError extends Error {
  override readonly name = "RefusedError";
}

const say = (text: string): void => void process.stderr.write(`${text}\n`);

function describe(view: ClockView): string {
  const moved = view.set_at ? `, moved at ${view.set_at} real time` : ", never moved";
  return [
    `local time  ${view.local_time}`,
    `offset      ${view.offset} (${view.offset_ms} ms)${moved}`,
    `real time   ${view.real_time}`,
  ].join("\n");
}

/** With no server on the data folder: the clock in clock.json, moved by this process. */
async function offline(
  config: LocalConfig,
  dataDir: string,
  url: string,
  args: ClockCommand,
): Promise<ServerClock> {
  if (!config.DATABASE_URL && (await runningEmbeddedPostgres(join(dataDir, "postgres"))))
    throw new RefusedError(
      `no server answers at ${url}, yet the PostgreSQL of ${dataDir} is running: npm start seems to listen elsewhere. Give this CLI the PORT (and HOST) it printed; nothing was moved`,
    );
  const clock = LocalClock.open(dataDir);
  if (args.command === "advance") clock.advance(args.milliseconds);
  if (args.command === "to") clock.advanceTo(args.time);
  say(
    args.command === "show"
      ? `no server answers at ${url}: read from ${LocalClock.file(dataDir)}`
      : `no server answers at ${url}: kept in ${LocalClock.file(dataDir)}; the next npm start on this data folder runs on it`,
  );
  return clockView(clock);
}

/** The request body of a move; none for show. */
function moveOf(args: ClockCommand): { advance: string } | { to: string } | undefined {
  if (args.command === "advance") return { advance: args.duration };
  return args.command === "to" ? { to: args.time.toISOString() } : undefined;
}

async function run(args: ClockCommand, config: LocalConfig): Promise<void> {
  const dataDir = resolve(config.ROSTER_DATA_DIR);
  if (!existsSync(dataDir))
    throw new RefusedError(
      `no data folder ${dataDir}: give this CLI the server's ROSTER_DATA_DIR (default ./.roster)`,
    );
  const url = serverUrl(config);
  const view = (await serverClock(url, dataDir, moveOf(args))) ?? (await offline(config, dataDir, url, args));
  if (args.command === "advance") process.stdout.write(`moved forward ${args.duration}\n`);
  if (args.command === "to") process.stdout.write(`moved forward to ${args.time.toISOString()}\n`);
  process.stdout.write(`${describe(view)}\n`);
  if (view.schedules) {
    const runs = view.schedules.map((run) => `${run.schedule} ${run.ok ? "ok" : "FAILED"}`);
    process.stdout.write(`schedules   ${runs.join(", ") || "none"} (each ran once at the new time)\n`);
    if (view.schedules.some((run) => !run.ok))
      say("a schedule failed at the new time: the server's log says why");
  }
  if (args.command !== "show")
    say(
      "tokens issued before this move may have expired at the new time: issue fresh ones with npm run -s token",
    );
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) {
    process.stdout.write(HELP);
    return;
  }
  let args: ClockCommand;
  let config: LocalConfig;
  try {
    args = parseClockArgs(argv);
    config = loadLocalConfig();
    serverUrl(config);
  } catch (error) {
    say(
      `${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n${USAGE}`,
    );
    process.exitCode = 2;
    return;
  }
  try {
    await run(args, config);
  } catch (error) {
    const refused =
      error instanceof RefusedError ||
      error instanceof ClockRefusedError ||
      error instanceof ClockMoveRefusedError ||
      error instanceof LocalClockFileError;
    say(refused ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = error instanceof ClockRefusedError && error.usage ? 2 : 1;
  }
}

if (import.meta.main) await main();
