/**
 * `npm run purchases`: the local App Store and Google Play, for a person or a test to drive against a
 * running `npm start` (the same data folder, ROSTER_DATA_DIR, and PORT). Each command changes the
 * store's state, signs the notification the store would send (Apple's JWS with the local test chain,
 * Google's Pub/Sub push with a local OIDC token) and pushes it to the server; the server verifies it,
 * records it and fetches the state back from the stores' loopback APIs. Prints one JSON line.
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { LocalClock } from "../../../platform/adapters/embedded/local-clock.ts";
import { LocalIssuer } from "../../../platform/adapters/embedded/local-issuer.ts";
import { openSqlite } from "../../../platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../platform/adapters/embedded/sqlite-table.store.ts";
import { wantsHelp } from "../../../platform/config/cli-args.ts";
import { loadLocalConfig } from "../../../platform/config/local.config.ts";
import { serverUrl } from "../../../platform/config/local-server-url.ts";
import { parseDuration } from "../../../platform/time/duration.ts";
import { randomIds } from "../../../platform/time/id-generator.port.ts";
import { appleCommand, googleCommand, STORE_COMMANDS } from "./store-commands.local.ts";
import { openPushIssuer, openStoreSandboxes } from "./store-sandboxes.local.ts";

const USAGE = `usage: npm run purchases -- apple <command> [<id>] [options]
       npm run purchases -- google <command> [<token>] [options]
apple:  ${STORE_COMMANDS.apple.join(" | ")}
        buy [--user <id>] [--app ios|ios-feast] [--product <id>] [--period 30d] [--trial]
        renew|refund|expire|family <originalTransactionId>
        fail-renewal <originalTransactionId> [--grace]     auto-renew <originalTransactionId> on|off
        --undelivered: the App Store fails to deliver it (the daily replay brings it)
google: ${STORE_COMMANDS.google.join(" | ")}
        buy [--user <id>] [--product <id>] [--period 30d]
        renew|grace|hold|pause|cancel|expire|revoke|gone <purchaseToken>
        upgrade <purchaseToken> <new product id>
--user links the purchase to that Roster user by the account token the app passes the store.`;

const OPTIONS = {
  user: { type: "string" },
  app: { type: "string" },
  product: { type: "string" },
  period: { type: "string", default: "30d" },
  grace: { type: "boolean" },
  trial: { type: "boolean" },
  undelivered: { type: "boolean" },
} as const;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [store, command, ...args] = positionals;
  if ((store !== "apple" && store !== "google") || !command) throw new Error("name a store and a command");
  if (!(STORE_COMMANDS[store] as readonly string[]).includes(command))
    throw new Error(`${store} takes ${STORE_COMMANDS[store].join(", ")}`);
  const config = loadLocalConfig();
  const server = serverUrl(config);
  // Before the store changes anything: a notification nobody receives would leave the two apart.
  await fetch(`${server}/health`).catch(() => {
    throw new Error(
      `no server answered at ${server}: start it with npm start (same PORT and ROSTER_DATA_DIR)`,
    );
  });
  const dataDir = resolve(config.ROSTER_DATA_DIR);
  // The server's time (npm run clock): purchases start and renew at it.
  const clock = LocalClock.open(dataDir);
  const db = openSqlite(join(dataDir, "roster.sqlite"));
  const sandboxes = await openStoreSandboxes({
    dataDir,
    store: new SqliteTableStore(db, config.STAGE, clock),
    clock,
    ids: randomIds,
  });
  const pushIssuer = await openPushIssuer(dataDir);
  try {
    const context = {
      sandboxes,
      pushIssuer,
      issuer: await LocalIssuer.open(dataDir),
      clock,
      server,
      send: (request: Request) => fetch(request),
    };
    const options = {
      app: values.app,
      product: values.product,
      periodMs: parseDuration(values.period),
      user: values.user,
      grace: values.grace,
      trial: values.trial,
      undelivered: values.undelivered,
    };
    const result =
      store === "apple"
        ? await appleCommand(context, command, args, options)
        : await googleCommand(context, command, args, options);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (result.pushed !== "undelivered" && result.pushed.status >= 400) process.exitCode = 1;
  } finally {
    await pushIssuer.close();
    db.close();
  }
}

if (import.meta.main)
  await main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exitCode = 2;
  });
