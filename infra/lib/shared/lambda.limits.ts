/** Timeouts and delivery limits of Lambda and its event sources, shared by the services' functions. */
import { Duration } from "aws-cdk-lib";

/** API Gateway gives up on an integration after 29 s; the function may not outlive the request by much. */
export const API_TIMEOUT = Duration.seconds(29);
/** API Gateway waits at most 10 s for a Lambda authorizer. */
export const AUTHORIZER_TIMEOUT = Duration.seconds(10);
export const WORKER_TIMEOUT = Duration.seconds(60);

/** Stream consumers: how often a failing batch is retried and how old a record may get before it is given up. */
export const STREAM_RETRIES = 5;
export const DYNAMODB_STREAM_RETRIES = 10;
export const MAX_RECORD_AGE = Duration.days(1);
export const STREAM_BATCH_SIZE = 100;
export const QUEUE_BATCH_SIZE = 10;
