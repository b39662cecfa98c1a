/**
 * The Subscription Service's data, deployed apart from its code and retained when the stack is
 * deleted: the stream it produces, `{stage}-subscriptions` (pause skipped, pause resumed, ..., read by
 * the User Service's subscriptions worker), its bus for the catalogue's events, its own PostgreSQL
 * database `subscriptions` behind RDS Proxy in a VPC of its own (the shared Database and Network
 * constructs, as the Payment Service's), the bucket of receipts and plan snapshots, and the members'
 * notices queue (read by the email and push sender outside Roster) with its dead-letter queue.
 */
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { Database } from "../shared/database.construct.ts";
import { Network } from "../shared/network.construct.ts";
import { RosterStream } from "../shared/roster-stream.construct.ts";
import { SUBSCRIPTION_SERVICE, subscriptionServiceName } from "./subscription-service.names.ts";
import type { SubscriptionsConfig } from "./subscriptions.settings.ts";

/** Receives of one notice before it goes to the dead-letter queue. */
export const NOTIFICATION_MAX_RECEIVES = 5;

export interface SubscriptionsStatefulStackProps extends StackProps {
  readonly config: SubscriptionsConfig;
}

export class SubscriptionsStatefulStack extends Stack {
  readonly stream: RosterStream;
  readonly bus: events.EventBus;
  readonly network: Network;
  readonly database: Database;
  /** Receipts and plan snapshots: immutable documents, kept in every version. */
  readonly documents: s3.Bucket;
  /** The documents bucket's ARN, exported under a name of its own (its object ARNs are built on it). */
  readonly documentsArnExport: string;
  /** `{stage}-subscription-notifications`: SubscriptionNotification 1.0.0 bodies, for the sender outside Roster. */
  readonly notifications: sqs.Queue;
  /** Where a notice the sender received 5 times without deleting goes. */
  readonly notificationDeadLetters: sqs.Queue;
  readonly #zones: string[] | undefined;

  constructor(scope: Construct, id: string, props: SubscriptionsStatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.#zones = config.availabilityZones;
    this.stream = new RosterStream(this, "SubscriptionsStream", {
      streamName: `${config.stage}-subscriptions`,
    });
    // The catalogue's events (UserSubscriptionStarted, UserSubscriptionCancelled; source roster.subscriptions).
    this.bus = new events.EventBus(this, "Bus", {
      eventBusName: subscriptionServiceName(config, "events"),
      description: "The Subscription Service's catalogue events (seed 002)",
    });
    this.bus.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.network = new Network(this, "Network", config);
    this.database = new Database(this, "Database", {
      config,
      settings: config.subscriptionsDatabase,
      vpc: this.network.vpc,
      service: SUBSCRIPTION_SERVICE,
      databaseName: "subscriptions",
    });
    this.documents = new s3.Bucket(this, "Documents", {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.notificationDeadLetters = new sqs.Queue(this, "NotificationDeadLetters", {
      queueName: `${config.stage}-subscription-notifications-dlq`,
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.notifications = new sqs.Queue(this, "Notifications", {
      queueName: `${config.stage}-subscription-notifications`,
      // A notice days late is not worth sending: SQS's default 4 days.
      retentionPeriod: Duration.days(4),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.notificationDeadLetters, maxReceiveCount: NOTIFICATION_MAX_RECEIVES },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.documentsArnExport = subscriptionServiceName(config, "documents-arn");
    new CfnOutput(this, "DocumentsArn", {
      value: this.documents.bucketArn,
      exportName: this.documentsArnExport,
    });
  }

  /** The ARN of the documents under `prefix` (for another stack's policy), and how cdk-nag reads it. */
  documentObjects(prefix: string): { readonly arn: string; readonly asNagReads: string } {
    return {
      arn: `${Fn.importValue(this.documentsArnExport)}/${prefix}`,
      asNagReads: `${this.documentsArnExport}/${prefix}`,
    };
  }

  /** The stage's zones, or the region's first two (`Fn::GetAZs`): never looked up at synth. */
  override get availabilityZones(): string[] {
    return this.#zones ?? [Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs())];
  }
}
