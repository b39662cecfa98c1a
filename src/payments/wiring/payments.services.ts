import type { Kysely } from "kysely";
import { PostgresOutbox } from "../../platform/relational/postgres-outbox.ts";
import type { CursorCodec } from "../../platform/store/cursor-codec.ts";
import type { Clock } from "../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../platform/time/id-generator.port.ts";
import { PostgresChargeRepository } from "../adapters/postgres/charge.repository.ts";
import { PostgresChargeReports } from "../adapters/postgres/charges-report.read.ts";
import { PostgresCustomerRepository } from "../adapters/postgres/customer.repository.ts";
import { PostgresDisputeRepository } from "../adapters/postgres/dispute.repository.ts";
import { PostgresPaymentMethodRepository } from "../adapters/postgres/payment-method.repository.ts";
import type { PaymentsDatabase } from "../adapters/postgres/payments.tables.ts";
import { PostgresRefundRepository } from "../adapters/postgres/refund.repository.ts";
import type { PaymentsDeps } from "../api/payments.app.ts";
import type { PaymentGateway } from "../ports/payment-gateway.port.ts";

export interface PaymentsParts {
  /** The service's own database, migrated. */
  readonly db: Kysely<PaymentsDatabase>;
  readonly gateway: PaymentGateway;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Seals the charge list's page cursors. */
  readonly cursors: CursorCodec;
}

/**
 * The Payment Service's use cases over its PostgreSQL repositories and a gateway: the one composition
 * of every runtime (the local process, the tests, the Lambdas), which differ only in their parts.
 */
export function paymentsServices(parts: PaymentsParts): {
  readonly payments: PaymentsDeps;
  readonly outbox: PostgresOutbox<PaymentsDatabase>;
} {
  const { db, clock, ids, gateway } = parts;
  const store = { db, clock, ids };
  return {
    payments: {
      charges: new PostgresChargeRepository(store, parts.cursors),
      methods: new PostgresPaymentMethodRepository(store),
      customers: new PostgresCustomerRepository(store),
      refunds: new PostgresRefundRepository(store),
      disputes: new PostgresDisputeRepository(store),
      reports: new PostgresChargeReports(db),
      gateway,
      clock,
      ids,
    },
    outbox: new PostgresOutbox({ db, clock }),
  };
}
