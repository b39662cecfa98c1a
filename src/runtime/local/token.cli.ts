/**
 * Prints a token from the local issuer, alone on standard output:
 *   npm run -s token -- --user <id> [--mfa] | --service <name> | --operator <name>  [--ttl <seconds>]
 */
import { parseArgs } from "node:util";
import { LocalIssuer, type TokenRequest } from "../../platform/adapters/embedded/local-issuer.ts";
import { wantsHelp } from "../../platform/config/cli-args.ts";
import { ConfigError } from "../../platform/config/config-error.ts";
import { loadLocalConfig } from "../../platform/config/local.config.ts";

const USAGE =
  "usage: npm run -s token -- --user <id> [--mfa] | --service <name> | --operator <name> [--ttl <seconds>]";

export function parseTokenArgs(argv: string[]): TokenRequest {
  const { values } = parseArgs({
    args: argv,
    options: {
      user: { type: "string" },
      service: { type: "string" },
      operator: { type: "string" },
      mfa: { type: "boolean", default: false },
      ttl: { type: "string" },
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
  return { kind, id, mfa: values.mfa, ...(ttl ? { ttlSeconds: ttl } : {}) };
}

async function main(): Promise<void> {
  if (wantsHelp(process.argv.slice(2))) {
    process.stdout.write(
      `Prints a token from the local issuer (the key in ROSTER_DATA_DIR, default ./.roster), alone on standard output.\n${USAGE}\n`,
    );
    return;
  }
  try {
    const request = parseTokenArgs(process.argv.slice(2));
    const issuer = await LocalIssuer.open(loadLocalConfig().ROSTER_DATA_DIR);
    process.stdout.write(`${await issuer.issue(request)}\n`);
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n${USAGE}\n`);
    process.exitCode = 2;
  }
}

if (import.meta.main) await main();
