/** The User Service's own timeouts and delivery limits (asserted by the tests). */
import { Duration } from "aws-cdk-lib";

/** The cleanup queue's visibility timeout is six times this (stateful stack). */
export const CLEANUP_WORKER_TIMEOUT = Duration.seconds(60);
/** Receives before a cleanup message moves to `{stage}-user-service-cleanup-dlq` (the local runtime's default too). */
export const CLEANUP_MAX_RECEIVES = 5;
export const MIGRATE_TIMEOUT = Duration.minutes(5);
/**
 * The soft opt-in worker's timeout. The queue is the Purchases service's, whose visibility timeout is six
 * times 60 s (infra/lib/purchases/stateful.stack.ts): keep this at most 60 s.
 */
export const SOFT_OPT_IN_WORKER_TIMEOUT = Duration.seconds(60);
