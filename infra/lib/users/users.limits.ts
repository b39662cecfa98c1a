/** The User Service's own timeouts and delivery limits (asserted by the tests). */
import { Duration } from "aws-cdk-lib";

/** The cleanup queue's visibility timeout is six times this (stateful stack). */
export const CLEANUP_WORKER_TIMEOUT = Duration.seconds(60);
/** Receives before a cleanup message moves to `{stage}-user-service-cleanup-dlq` (the local runtime's default too). */
export const CLEANUP_MAX_RECEIVES = 5;
export const MIGRATE_TIMEOUT = Duration.minutes(5);
