import { sql } from "kysely";
import { localSecret } from "../../../platform/adapters/embedded/local-secret.ts";
import { localServiceDatabaseName } from "../../../platform/adapters/embedded/local-service-database.ts";
import { relayOutbox, toStream } from "../../../platform/outbox/outbox-relay.ts";
import { closeDatabase } from "../../../platform/relational/database.ts";
import type { LocalPlatform, RunningService } from "../../../platform/service/service-module.ts";
import { SandboxGateway } from "../../adapters/sandbox/sandbox.gateway.ts";
import { createPaymentsApp } from "../../api/payments.app.ts";
import { deliverWebhooks } from "../../workers/webhook-delivery.worker.ts";
import { paymentsServices } from "../payments.services.ts";
import { openLocalPaymentsDatabase } from "./payments-database.local.ts";

/** The Payment Service's database name on the local server (`localServiceDatabaseName`). */
export const paymentsDatabaseName = (adminUrl: string) => localServiceDatabaseName(adminUrl, "payments");

/** How often the local process relays the outbox and delivers the sandbox gateway's webhooks. */
const RELAY_MS = 200;

/**
 * The Payment Service in the local process: its own database on the PostgreSQL server the usermodel
 * uses too (its own role, which no other service's can use), the sandbox gateway in the embedded store,
 * the outbox relayed to the local `payments` stream, and the gateway's webhooks delivered through the
 * service's own webhook route, signed as Stripe signs them.
 */
export async function startPayments(platform: LocalPlatform): Promise<RunningService> {
  const { clock, ids, logger } = platform;
  const db = await openLocalPaymentsDatabase({
    postgresUrl: platform.postgresUrl,
    dataDir: platform.dataDir,
    logger,
    name: paymentsDatabaseName(platform.postgresUrl),
  });
  const gateway = new SandboxGateway({
    store: platform.store,
    clock,
    ids,
    webhookSecret: `whsec_${localSecret(platform.dataDir, "payments-webhook-secret")}`,
  });
  const { payments, outbox } = paymentsServices({ db, gateway, clock, ids, cursors: platform.cursors });
  const stream = platform.channels.streamNames.payments as string;
  const health = [{ name: "payments-postgres", check: async () => void (await sql`select 1`.execute(db)) }];
  return {
    app: createPaymentsApp({
      payments,
      logger,
      principals: platform.issuer.principalResolver(clock),
      health,
      jwks: () => platform.issuer.jwks(),
    }),
    health,
    eventSources: [],
    schedules: [
      {
        name: "payments-outbox-relay",
        rateMs: RELAY_MS,
        handler: async () => {
          while (
            (await relayOutbox({ outbox, publish: toStream(platform.channels.streams, stream), logger })) > 0
          );
        },
      },
      {
        name: "payments-gateway-webhooks",
        rateMs: RELAY_MS,
        handler: async () =>
          void (await deliverWebhooks({ source: gateway, fetch: (r) => platform.fetch(r), logger })),
      },
    ],
    close: () => closeDatabase(db),
  };
}
