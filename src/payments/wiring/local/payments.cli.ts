/**
 * The Payment Service's sandbox for people, on the data folder of a running `npm start`:
 *   npm run payments -- dispute <confirmation_id> [--close won|lost]
 * It finds the charge in the service's database and has the sandbox gateway queue the webhook Stripe
 * would send; the running process delivers it to `POST /payments/webhooks/stripe` on its next round,
 * so the dispute takes the path a real one takes (signature, dispute repository, outbox, stream).
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { LocalClock } from "../../../platform/adapters/embedded/local-clock.ts";
import { localSecret } from "../../../platform/adapters/embedded/local-secret.ts";
import { runningEmbeddedPostgres } from "../../../platform/adapters/embedded/running-embedded-postgres.ts";
import { openSqlite } from "../../../platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../platform/adapters/embedded/sqlite-table.store.ts";
import { wantsHelp } from "../../../platform/config/cli-args.ts";
import { type LocalConfig, loadLocalConfig } from "../../../platform/config/local.config.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { closeDatabase } from "../../../platform/relational/database.ts";
import { CursorCodec } from "../../../platform/store/cursor-codec.ts";
import { randomIds } from "../../../platform/time/id-generator.port.ts";
import { PostgresChargeRepository } from "../../adapters/postgres/charge.repository.ts";
import { SandboxGateway } from "../../adapters/sandbox/sandbox.gateway.ts";
import type { Charge } from "../../domain/charge.ts";
import { GatewayRefusedError } from "../../domain/gateway.errors.ts";
import { paymentsDatabaseName } from "./payments.local.ts";
import { openLocalPaymentsDatabase } from "./payments-database.local.ts";

const USAGE = "usage: npm run payments -- dispute <confirmation_id> [--close won|lost]";

const HELP = `The sandbox payment gateway of npm start's data folder (ROSTER_DATA_DIR, default ./.roster).
${USAGE}

dispute <confirmation_id>         the cardholder disputes the charge (a chargeback); it must be CONFIRMED
                                  and never disputed before
dispute <confirmation_id> --close won|lost
                                  the dispute ends: won reinstates the charge, lost keeps it CHARGED_BACK;
                                  a dispute closed already is refused

The charge is read from the Payment Service's database on the PostgreSQL npm start runs (or DATABASE_URL);
the sandbox queues the signed charge.dispute.created (or .closed) webhook Stripe would send, and the running
process delivers it to POST /payments/webhooks/stripe within a moment.
`;

export interface DisputeArgs {
  readonly confirmationId: string;
  /** Absent: open a dispute; else close it with this outcome. */
  readonly close?: "won" | "lost";
}

export function parsePaymentsArgs(argv: string[]): DisputeArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { close: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  const [command, confirmationId, ...rest] = positionals;
  if (command !== "dispute") throw new Error(command ? `unknown command ${command}` : "name a command");
  if (!confirmationId?.trim() || rest.length > 0) throw new Error("dispute takes one confirmation id");
  const { close } = values;
  if (close !== undefined && close !== "won" && close !== "lost")
    throw new Error("--close takes won or lost");
  return { confirmationId, ...(close ? { close } : {}) };
}

/** Refused: no such charge, one in the wrong state, a dispute closed already, or no database. Exit 1. */
class RefusedError extends Error {
  override readonly name = "RefusedError";
}

/**
 * What the charge must be: only a collected (CONFIRMED) charge is disputed; closing needs a charge the
 * gateway took, and the gateway's own book of its dispute decides the rest (below).
 */
function assertDisputable(charge: Charge | undefined, args: DisputeArgs): asserts charge is Charge {
  if (charge === undefined) throw new RefusedError(`no charge ${args.confirmationId} in the Payment Service`);
  if (args.close) {
    if (charge.gatewayRef === undefined)
      throw new RefusedError(
        `charge ${charge.confirmationId} is ${charge.status}: it has no dispute to close`,
      );
    return;
  }
  if (charge.status !== "CONFIRMED" || charge.gatewayRef === undefined) {
    throw new RefusedError(
      `charge ${charge.confirmationId} is ${charge.status}, not CONFIRMED: only a CONFIRMED charge can be disputed`,
    );
  }
}

/**
 * The sandbox gateway keeps each charge's dispute (Stripe disputes a charge once, and a won or lost
 * dispute is final) and refuses at once, before its webhook reaches the service: so a second `--close`
 * is refused even while the first is still on its way.
 */
async function atGateway(confirmationId: string, move: () => Promise<void>): Promise<void> {
  try {
    await move();
  } catch (error) {
    if (error instanceof GatewayRefusedError)
      throw new RefusedError(`charge ${confirmationId}: ${error.message}`);
    throw error;
  }
}

/** Opens or closes the dispute at the sandbox gateway; answers what to tell the person. */
async function dispute(config: LocalConfig, args: DisputeArgs): Promise<string> {
  const dataDir = resolve(config.ROSTER_DATA_DIR);
  const adminUrl = config.DATABASE_URL ?? (await runningEmbeddedPostgres(join(dataDir, "postgres")));
  if (adminUrl === undefined) {
    throw new RefusedError(
      `no PostgreSQL is running on ${join(dataDir, "postgres")}: start npm start on this ROSTER_DATA_DIR first`,
    );
  }
  const logger = createLogger("roster-payments-cli", config.LOG_LEVEL);
  const name = paymentsDatabaseName(adminUrl);
  const db = await openLocalPaymentsDatabase({ postgresUrl: adminUrl, dataDir, logger, name });
  const sqlite = openSqlite(join(dataDir, "roster.sqlite"));
  try {
    // The running process's time (npm run clock): the dispute is dated by it.
    const clock = LocalClock.open(dataDir);
    // Only getCharge is asked: no page cursor is made or read.
    const charges = new PostgresChargeRepository({ db, clock, ids: randomIds }, CursorCodec.ephemeral(clock));
    const charge = await charges.getCharge(args.confirmationId);
    assertDisputable(charge, args);
    // The same gateway as the running process's (payments.local.ts): its store, its webhook secret.
    const gateway = new SandboxGateway({
      store: new SqliteTableStore(sqlite, config.STAGE, clock),
      clock,
      ids: randomIds,
      webhookSecret: `whsec_${localSecret(dataDir, "payments-webhook-secret")}`,
    });
    const ref = charge.gatewayRef as string;
    const { close } = args;
    await atGateway(charge.confirmationId, () =>
      close ? gateway.closeDispute(ref, close) : gateway.raiseDispute(ref),
    );
    const what = args.close
      ? `dispute of charge ${charge.confirmationId} closed ${args.close}`
      : `dispute opened for charge ${charge.confirmationId} of ${charge.userId}`;
    return `${what}; the Payment Service will record it on its next webhook delivery`;
  } finally {
    await closeDatabase(db);
    sqlite.close();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) {
    process.stdout.write(HELP);
    return;
  }
  let args: DisputeArgs;
  try {
    args = parsePaymentsArgs(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    process.stderr.write(`${await dispute(loadLocalConfig(), args)}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

if (import.meta.main) await main();
