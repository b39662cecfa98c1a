/** Timeouts and delivery limits shared by more than one construct (and asserted by the tests). */
import { Duration } from "aws-cdk-lib";

/** API Gateway gives up on an integration after 29 s; the function may not outlive the request by much. */
export const API_TIMEOUT = Duration.seconds(29);
/** API Gateway waits at most 10 s for a Lambda authorizer. */
export const AUTHORIZER_TIMEOUT = Duration.seconds(10);
export const WORKER_TIMEOUT = Duration.seconds(60);
/** The cleanup queue's visibility timeout is six times this (stateful stack). */
export const CLEANUP_WORKER_TIMEOUT = Duration.seconds(60);
/** Receives before a cleanup message moves to `{stage}-user-service-cleanup-dlq` (the local runtime's default too). */
export const CLEANUP_MAX_RECEIVES = 5;
export const MIGRATE_TIMEOUT = Duration.minutes(5);

/** Stream consumers: how often a failing batch is retried and how old a record may get before it is given up. */
export const STREAM_RETRIES = 5;
export const DYNAMODB_STREAM_RETRIES = 10;
export const MAX_RECORD_AGE = Duration.days(1);
export const STREAM_BATCH_SIZE = 100;
export const QUEUE_BATCH_SIZE = 10;
