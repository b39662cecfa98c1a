import { sql } from "kysely";
import { localSecret } from "../../../platform/adapters/embedded/local-secret.ts";
import { closeDatabase, createDatabase } from "../../../platform/relational/database.ts";
import { ensureServiceDatabase } from "../../../platform/relational/service-database.ts";
import type { LocalPlatform, RunningService } from "../../../platform/service/service-module.ts";
import { createPaymentsApp } from "../../api/payments.app.ts";

/**
 * The Payment Service's own database and role on the local server: `payments` beside the server's
 * default database; beside any other (a test's throwaway database) `<that database>_payments`, so two
 * local processes on one server never share the payments of each other.
 */
export function paymentsDatabaseName(adminUrl: string): string {
  const admin = decodeURIComponent(new URL(adminUrl).pathname.slice(1)) || "postgres";
  return admin === "postgres"
    ? "payments"
    : `${admin.toLowerCase().replace(/[^a-z0-9_]/g, "_")}_payments`.slice(0, 63);
}

/**
 * The Payment Service in the local process: its own database `payments` on the PostgreSQL server the
 * User Service's usermodel uses too, reached as its own role, which no other service's role can use.
 */
export async function startPayments(platform: LocalPlatform): Promise<RunningService> {
  const url = await ensureServiceDatabase({
    adminUrl: platform.postgresUrl,
    name: paymentsDatabaseName(platform.postgresUrl),
    password: localSecret(platform.dataDir, "payments-database-password"),
  });
  const db = createDatabase(url, {
    applicationName: "roster-local-payments",
    onIdleConnectionError: (error) =>
      platform.logger.warn("idle PostgreSQL connection failed", { reason: error.message }),
  });
  const health = [{ name: "payments-postgres", check: async () => void (await sql`select 1`.execute(db)) }];
  return {
    app: createPaymentsApp({
      logger: platform.logger,
      principals: platform.issuer.principalResolver(platform.clock),
      health,
      jwks: () => platform.issuer.jwks(),
    }),
    health,
    eventSources: [],
    close: () => closeDatabase(db),
  };
}
