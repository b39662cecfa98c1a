/**
 * Prints a token from the local issuer, alone on standard output, and on standard error which data
 * folder's key signed it:
 *   npm run -s token -- --user <id> [--mfa] | --service <name> | --operator <name>  [--ttl <seconds>] [--create-key]
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { LocalClock } from "../../platform/adapters/embedded/local-clock.ts";
import { LocalIssuer, type TokenRequest } from "../../platform/adapters/embedded/local-issuer.ts";
import { wantsHelp } from "../../platform/config/cli-args.ts";
import { ConfigError } from "../../platform/config/config-error.ts";
import { loadLocalConfig } from "../../platform/config/local.config.ts";
import { formatDuration } from "../../platform/time/duration.ts";

const USAGE =
  "usage: npm run -s token -- --user <id> [--mfa] | --service <name> | --operator <name> [--ttl <seconds>] [--create-key]";

const HELP = `Prints a token from the local issuer, alone on standard output; standard error says which key signed it.
${USAGE}

The key is the one in the data folder, ROSTER_DATA_DIR (default ./.roster of the project, where npm
runs scripts): give this CLI the server's ROSTER_DATA_DIR (npm start makes the key there on its first
start). Without a key there it refuses, unless --create-key asks it to make one (a server running on
another folder's key answers such tokens 401). The token is issued at the data folder's local time
(npm run clock), which the server judges its expiry by.
`;

export interface TokenArgs {
  readonly request: TokenRequest;
  /** Make the data folder's key when it has none (else the CLI refuses). */
  readonly createKey: boolean;
}

export function parseTokenArgs(argv: string[]): TokenArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      user: { type: "string" },
      service: { type: "string" },
      operator: { type: "string" },
      mfa: { type: "boolean", default: false },
      ttl: { type: "string" },
      "create-key": { type: "boolean", default: false },
    },
    strict: true,
  });
  const chosen = (["user", "service", "operator"] as const).filter((kind) => values[kind] !== undefined);
  const [kind] = chosen;
  if (chosen.length !== 1 || !kind) throw new Error("give exactly one of --user, --service or --operator");
  const id = values[kind] as string;
  if (id.trim().length === 0) throw new Error(`--${kind} needs a non-empty id`);
  if (values.mfa && kind !== "user") throw new Error("--mfa applies to --user tokens only");
  const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1))
    throw new Error("--ttl must be a whole number of seconds");
  return {
    request: { kind, id, mfa: values.mfa, ...(ttl ? { ttlSeconds: ttl } : {}) },
    createKey: values["create-key"],
  };
}

/** Refused: the data folder has no issuer key and none was asked for. */
class NoIssuerKeyError extends Error {
  override readonly name = "NoIssuerKeyError";
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) {
    process.stdout.write(HELP);
    return;
  }
  try {
    const { request, createKey } = parseTokenArgs(argv);
    const dataDir = resolve(loadLocalConfig().ROSTER_DATA_DIR);
    const keyFile = LocalIssuer.keyFile(dataDir);
    const existed = existsSync(keyFile);
    if (!existed && !createKey)
      throw new NoIssuerKeyError(
        [
          `no issuer key in ${dataDir} (its issuer-key.json): no token was made.`,
          "The server makes its key in its data folder, ROSTER_DATA_DIR (default ./.roster), on its first start.",
          "Give this CLI the server's ROSTER_DATA_DIR, start the server first (npm start), or pass --create-key to make a key here.",
        ].join("\n"),
      );
    const issuer = await LocalIssuer.open(dataDir);
    // The server verifies by the local clock: a token issued at the real time may be expired there.
    const clock = LocalClock.open(dataDir);
    process.stdout.write(`${await issuer.issue(request, clock.now())}\n`);
    process.stderr.write(
      existed
        ? `signed with the issuer key ${issuer.keyId} in ${dataDir}\n`
        : `made a new issuer key ${issuer.keyId} in ${dataDir} and signed with it: only a server on this ROSTER_DATA_DIR accepts the token\n`,
    );
    const { offsetMs } = clock.state();
    if (offsetMs > 0)
      process.stderr.write(
        `issued at the local time ${clock.now().toISOString()}, ${formatDuration(offsetMs)} ahead of the real time (npm run clock -- show)\n`,
      );
  } catch (error) {
    if (error instanceof NoIssuerKeyError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n${USAGE}\n`);
    process.exitCode = 2;
  }
}

if (import.meta.main) await main();
