/**
 * What holds data, deployed apart from the code so a code deployment never replaces it, and retained when
 * the stack is deleted: the users table (GSI1, GSI2, change feed, TTL, PITR), the workers' idempotency
 * table, the users stream, the cleanup queue and its dead-letter queue, the bus, and PostgreSQL in its VPC.
 * The streams the service consumes (payments, subscriptions) are their producers': received by ARN.
 */
import { Duration, Fn, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as events from "aws-cdk-lib/aws-events";
import * as kinesis from "aws-cdk-lib/aws-kinesis";
import * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { idempotencyTable } from "../../../src/platform/idempotency/idempotency.table.ts";
import { usersTable } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import { Database } from "../shared/database.construct.ts";
import { Network } from "../shared/network.construct.ts";
import { RosterStream } from "../shared/roster-stream.construct.ts";
import { TableFromSpec } from "../shared/table-from-spec.construct.ts";
import { USER_SERVICE, userServiceName } from "./user-service.names.ts";
import { CLEANUP_MAX_RECEIVES, CLEANUP_WORKER_TIMEOUT } from "./users.limits.ts";
import type { UsersConfig } from "./users.settings.ts";

export interface UsersStatefulStackProps extends StackProps {
  readonly config: UsersConfig;
  /** The ARNs of the streams the workers read, from their producers (shared/streams.registry.ts). */
  readonly consumes: { readonly paymentsArn: string; readonly subscriptionsArn: string };
}

export class UsersStatefulStack extends Stack {
  readonly usersTable: dynamodb.Table;
  readonly idempotencyTable: dynamodb.Table;
  readonly usersStream: kinesis.Stream;
  readonly paymentsStream: kinesis.IStream;
  readonly subscriptionsStream: kinesis.IStream;
  readonly cleanupQueue: sqs.Queue;
  readonly cleanupDeadLetters: sqs.Queue;
  readonly bus: events.EventBus;
  readonly network: Network;
  readonly database: Database;
  readonly #zones: string[] | undefined;

  constructor(scope: Construct, id: string, props: UsersStatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.#zones = config.availabilityZones;
    const table = (spec: typeof usersTable | typeof idempotencyTable) =>
      new TableFromSpec(this, spec.name, { stage: config.stage, spec, deletionProtection: config.production })
        .table;
    this.usersTable = table(usersTable);
    this.idempotencyTable = table(idempotencyTable);

    this.usersStream = new RosterStream(this, "UsersStream", {
      streamName: userServiceName(config, "users"),
    });
    // Imported where the service used to create them: an event source mapping's logical id derives from
    // its stream's construct path, so the workers keep their mappings (and their place in the streams).
    const { paymentsArn, subscriptionsArn } = props.consumes;
    this.paymentsStream = kinesis.Stream.fromStreamArn(this, "PaymentsStream", paymentsArn);
    this.subscriptionsStream = kinesis.Stream.fromStreamArn(this, "SubscriptionsStream", subscriptionsArn);

    this.cleanupDeadLetters = new sqs.Queue(this, "CleanupDeadLetters", {
      queueName: userServiceName(config, "cleanup-dlq"),
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.cleanupQueue = new sqs.Queue(this, "CleanupQueue", {
      queueName: userServiceName(config, "cleanup"),
      // Lambda's advice for SQS event sources: at least six times the function's timeout, so a batch
      // retried after throttling is not received again while it is still being worked on.
      visibilityTimeout: Duration.seconds(CLEANUP_WORKER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.cleanupDeadLetters, maxReceiveCount: CLEANUP_MAX_RECEIVES },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bus = new events.EventBus(this, "Bus", { eventBusName: config.eventBusName });
    this.bus.applyRemovalPolicy(RemovalPolicy.RETAIN);

    this.network = new Network(this, "Network", config);
    this.database = new Database(this, "Database", {
      config,
      settings: config.database,
      vpc: this.network.vpc,
      service: USER_SERVICE,
      databaseName: "usermodel",
    });
  }

  /**
   * The stage's zones, or the region's first two as CloudFormation lists them (`Fn::GetAZs`), never looked
   * up in the account at synth: synth runs offline (CDK's documented override).
   */
  override get availabilityZones(): string[] {
    return this.#zones ?? [Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs())];
  }
}
