import type { Kysely } from "kysely";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import type { PaymentsDatabase } from "./payments.tables.ts";

/** What every PostgreSQL repository of the Payment Service is built with: time and ids are injected. */
export interface PaymentStoreDeps {
  readonly db: Kysely<PaymentsDatabase>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** SQLSTATE 23505 unique_violation, on the named constraint or index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const fields = error as { code?: unknown; constraint?: unknown } | null;
  return fields?.code === "23505" && fields.constraint === constraint;
}

/** SQLSTATE 23503 foreign_key_violation, on the named constraint. */
export function isForeignKeyViolation(error: unknown, constraint: string): boolean {
  const fields = error as { code?: unknown; constraint?: unknown } | null;
  return fields?.code === "23503" && fields.constraint === constraint;
}
