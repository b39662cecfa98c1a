/**
 * A worker on a stream (Kinesis or a table's DynamoDB Stream): the event source mapping with the worker's
 * failure rule (each service's README: src/users/README.md, "Event-driven flows") and the on-failure queue that receives
 * what the mapping gives up on: the batch's shard, sequence numbers and error, for a redrive by hand.
 */
import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type * as kinesis from "aws-cdk-lib/aws-kinesis";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as sources from "aws-cdk-lib/aws-lambda-event-sources";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { DeadLetterQueue } from "./dead-letters.registry.ts";
import { MAX_RECORD_AGE, STREAM_BATCH_SIZE } from "./lambda.limits.ts";
import { type StageConfig, serviceName } from "./stage.config.ts";

export type StreamSource = { readonly kinesis: kinesis.IStream } | { readonly table: dynamodb.ITable };

export interface StreamWorkerProps {
  readonly config: StageConfig;
  /** The service the worker belongs to (`user-service`). */
  readonly service: string;
  /** Names the on-failure queue `{stage}-{service}-<name>-failures`. */
  readonly name: string;
  readonly fn: lambda.IFunction;
  readonly source: StreamSource;
  /** Only for workers that answer `batchItemFailures`; the others would see every record as succeeded. */
  readonly reportBatchItemFailures: boolean;
  readonly bisectBatchOnError: boolean;
  readonly retryAttempts: number;
}

export class StreamWorker extends Construct {
  readonly name: string;
  readonly fn: lambda.IFunction;
  readonly failures: sqs.Queue;
  /** The on-failure queue as the stage's dead-letter registry lists it (`<name>-failures`, batch pointers). */
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: StreamWorkerProps) {
    super(scope, id);
    this.name = props.name;
    this.fn = props.fn;
    this.failures = new sqs.Queue(this, "Failures", {
      queueName: serviceName(props.config, props.service, `${props.name}-failures`),
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.failures).acknowledge({
      id: "AwsSolutions-SQS3",
      reason: "This queue is itself a dead-letter destination: the event source mapping's on-failure queue.",
    });
    const options: sources.StreamEventSourceProps = {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: STREAM_BATCH_SIZE,
      bisectBatchOnError: props.bisectBatchOnError,
      retryAttempts: props.retryAttempts,
      maxRecordAge: MAX_RECORD_AGE,
      reportBatchItemFailures: props.reportBatchItemFailures,
      onFailure: new sources.SqsDlq(this.failures),
    };
    this.deadLetterQueue = { name: `${props.name}-failures`, queue: this.failures, kind: "stream" };
    props.fn.addEventSource(
      "kinesis" in props.source
        ? new sources.KinesisEventSource(props.source.kinesis, options)
        : new sources.DynamoEventSource(props.source.table, options),
    );
  }
}
