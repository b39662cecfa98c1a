import { paymentsStream } from "../contracts/payments/payments.stream.ts";
import type { ServiceModule } from "../platform/service/service-module.ts";
import { gatewaySandboxTable } from "./adapters/sandbox/sandbox-gateway.records.ts";
import { startPayments } from "./wiring/local/payments.local.ts";

/**
 * The Payment Service (seeds 000, 002, 004) as the local runtime composes it: the `payments` stream it
 * produces (the User Service's payment worker reads it) and its own PostgreSQL database. On AWS:
 * `infra/lib/payments/`.
 */
export const paymentsModule: ServiceModule = {
  name: "payments",
  title: "Payment Service",
  tables: [gatewaySandboxTable],
  streams: [paymentsStream],
  consumes: [],
  queues: [],
  start: startPayments,
};
