import type { StreamSourceDeclaration } from "../../../platform/service/event-source.declaration.ts";
import { handlePaymentsRecords, type PaymentsWorkerDeps } from "../../workers/payments.worker.ts";
import { handleUsersRecords, type UsersWorkerDeps } from "../../workers/users.worker.ts";

/** The mapping names: they key checkpoints and dead letters, and name the functions in logs. */
export const SUBSCRIPTION_MAPPINGS = {
  payments: "subscription-service-payments-worker",
  users: "subscription-service-users-worker",
} as const;

/**
 * The Subscription Service's two workers on the streams it reads, with the settings of their AWS event
 * source mappings (a failed record reported by its sequence number; a thrown batch bisected).
 */
export function subscriptionsEventSources(
  workers: PaymentsWorkerDeps & UsersWorkerDeps,
): StreamSourceDeclaration[] {
  return [
    {
      name: SUBSCRIPTION_MAPPINGS.payments,
      stream: "payments",
      settings: { reportBatchItemFailures: true, bisectBatchOnFunctionError: true },
      handler: ({ Records }, context) => handlePaymentsRecords(workers, Records, context),
    },
    {
      name: SUBSCRIPTION_MAPPINGS.users,
      stream: "users",
      settings: { reportBatchItemFailures: true, bisectBatchOnFunctionError: true },
      handler: ({ Records }, context) => handleUsersRecords(workers, Records, context),
    },
  ];
}
