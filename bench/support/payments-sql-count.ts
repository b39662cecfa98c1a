import { randomUUID } from "node:crypto";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { PostgresChargeRepository } from "../../src/payments/adapters/postgres/charge.repository.ts";
import { PostgresCustomerRepository } from "../../src/payments/adapters/postgres/customer.repository.ts";
import { PostgresPaymentMethodRepository } from "../../src/payments/adapters/postgres/payment-method.repository.ts";
import type { PaymentsDatabase } from "../../src/payments/adapters/postgres/payments.tables.ts";
import type { PaymentGateway } from "../../src/payments/ports/payment-gateway.port.ts";
import { createCharge } from "../../src/payments/use-cases/charges/create-charge.use-case.ts";
import { paymentsDatabaseName } from "../../src/payments/wiring/local/payments.local.ts";
import { localCursorSecret } from "../../src/platform/adapters/embedded/local-cursor-key.ts";
import { localSecret } from "../../src/platform/adapters/embedded/local-secret.ts";
import { CursorCodec } from "../../src/platform/store/cursor-codec.ts";
import { systemClock } from "../../src/platform/time/clock.port.ts";
import { randomIds } from "../../src/platform/time/id-generator.port.ts";

/** A gateway that approves at once: what is counted is PostgreSQL's part of a charge. */
const approving: Pick<PaymentGateway, "charge"> = {
  charge: async () => ({ ref: `pi_${randomUUID()}`, outcome: "succeeded" }),
};

/**
 * The SQL one charge runs: the charge use case on the payments database as the runtime left it (the
 * bench user has a card), every statement counted at the driver, BEGIN and COMMIT apart.
 */
export async function countSqlPerCharge(serverUrl: string, dataDir: string) {
  const name = paymentsDatabaseName(serverUrl);
  const url = new URL(serverUrl);
  url.username = name;
  url.password = localSecret(dataDir, `${name}-database-password`);
  url.pathname = `/${name}`;
  const seen: string[] = [];
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string }).text;
      seen.push((text ?? "").trim().split(/\s+/)[0]?.toLowerCase() ?? "");
      return query(...args);
    };
  });
  const db = new Kysely<PaymentsDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    const store = { db, clock: systemClock, ids: randomIds };
    const deps = {
      charges: new PostgresChargeRepository(
        store,
        new CursorCodec({ secret: localCursorSecret(dataDir), clock: systemClock }),
      ),
      methods: new PostgresPaymentMethodRepository(store),
      customers: new PostgresCustomerRepository(store),
      gateway: approving as PaymentGateway,
      clock: systemClock,
      ids: randomIds,
    };
    await createCharge(
      deps,
      { kind: "service", id: "bench", mfa: false },
      "auth0|bench-0",
      {
        amount_cents: 999,
        currency: "USD",
        description: "Bench charge",
      },
      randomUUID(),
    );
  } finally {
    await db.destroy();
  }
  const control = new Set(["begin", "commit", "rollback"]);
  const statements = seen.filter((s) => !control.has(s));
  const counts = new Map<string, number>();
  for (const verb of statements) counts.set(verb, (counts.get(verb) ?? 0) + 1);
  const byVerb = [...counts].map(([verb, n]) => `${n} ${verb}`).join(", ");
  // Statements between a BEGIN and its COMMIT; the others commit on their own.
  let inBlock = 0;
  let open = false;
  for (const verb of seen) {
    if (verb === "begin") open = true;
    else if (control.has(verb)) open = false;
    else if (open) inBlock += 1;
  }
  return { statements: statements.length, transactions: inBlock, detail: byVerb, sequence: seen.join(" ") };
}
