/**
 * The Purchases service's data, deployed apart from its code and retained when the stack is deleted:
 * its four tables as the code declares them (src/purchases/adapters/dynamodb/purchases.tables.ts: the
 * subscriptions with TTL, change feed and expiry index; the deduplicated notifications with TTL and
 * date index; the user links with change feed and the subscriptionId-userId index; account tokens;
 * PITR on all), the FIFO fetch queue, the soft opt-in queue the User Service reads, the snapshot
 * queue (each with its dead-letter queue), the object store of exports and snapshots, and the secrets
 * the operator fills: the App Store Server API key, the Play service account, Braze's key.
 */
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import type { TableSpec } from "../../../src/platform/store/table-spec.ts";
import {
  accountTokensTable,
  subscriptionEventsTable,
  subscriptionsTable,
  userSubscriptionsTable,
} from "../../../src/purchases/adapters/dynamodb/purchases.tables.ts";
import { TableFromSpec } from "../shared/table-from-spec.construct.ts";
import { PURCHASE_SERVICE, purchaseServiceName, queueNames } from "./purchase-service.names.ts";
import type { PurchasesConfig } from "./purchases.settings.ts";

/** The functions' timeouts the queues' visibility timeouts are set from (Lambda's advice: six times). */
export const FETCH_WORKER_TIMEOUT = Duration.seconds(60);
export const SNAPSHOT_WORKER_TIMEOUT = Duration.seconds(30);
/** The User Service's soft opt-in worker's timeout: its queue's visibility is six times it. */
export const SOFT_OPT_IN_CONSUMER_TIMEOUT = Duration.seconds(60);
/** Receives of one fetch before it is dead-lettered: a store's 429s and 5xx are retried this often. */
export const FETCH_MAX_RECEIVES = 8;
export const QUEUE_MAX_RECEIVES = 5;

export interface PurchasesStatefulStackProps extends StackProps {
  readonly config: PurchasesConfig;
}

export class PurchasesStatefulStack extends Stack {
  readonly tables: Record<
    "subscriptions" | "subscriptionEvents" | "userSubscriptions" | "accountTokens",
    dynamodb.Table
  >;
  readonly fetchQueue: sqs.Queue;
  readonly fetchDeadLetters: sqs.Queue;
  readonly softOptIns: sqs.Queue;
  readonly softOptInDeadLetters: sqs.Queue;
  readonly snapshots: sqs.Queue;
  readonly snapshotDeadLetters: sqs.Queue;
  /** The service's own bucket, unless the stage names one (`purchases.exportBucket`). */
  readonly exportBucket: s3.IBucket;
  readonly ownBucket: s3.Bucket | undefined;
  readonly appStoreKey: secretsmanager.Secret;
  readonly googleServiceAccount: secretsmanager.Secret;
  readonly brazeKey: secretsmanager.Secret | undefined;

  constructor(scope: Construct, id: string, props: PurchasesStatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    const table = (spec: TableSpec) =>
      new TableFromSpec(this, spec.name, { stage: config.stage, spec, deletionProtection: config.production })
        .table;
    this.tables = {
      subscriptions: table(subscriptionsTable),
      subscriptionEvents: table(subscriptionEventsTable),
      userSubscriptions: table(userSubscriptionsTable),
      accountTokens: table(accountTokensTable),
    };

    const names = queueNames(config.stage);
    const queue = (id: string, queueName: string, more: Partial<sqs.QueueProps> = {}) =>
      new sqs.Queue(this, id, {
        queueName,
        retentionPeriod: Duration.days(14),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        removalPolicy: RemovalPolicy.RETAIN,
        ...more,
      });
    const fifo = { fifo: true, contentBasedDeduplication: false };
    this.fetchDeadLetters = queue("FetchDeadLetters", names.fetchDeadLetters, fifo);
    this.fetchQueue = queue("FetchQueue", names.fetch, {
      ...fifo,
      visibilityTimeout: Duration.seconds(FETCH_WORKER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.fetchDeadLetters, maxReceiveCount: FETCH_MAX_RECEIVES },
    });
    this.softOptInDeadLetters = queue("SoftOptInDeadLetters", names.softOptInDeadLetters);
    this.softOptIns = queue("SoftOptIns", names.softOptIns, {
      visibilityTimeout: Duration.seconds(SOFT_OPT_IN_CONSUMER_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.softOptInDeadLetters, maxReceiveCount: QUEUE_MAX_RECEIVES },
    });
    this.snapshotDeadLetters = queue("SnapshotDeadLetters", names.snapshotDeadLetters);
    this.snapshots = queue("Snapshots", names.snapshots, {
      visibilityTimeout: Duration.seconds(SNAPSHOT_WORKER_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.snapshotDeadLetters, maxReceiveCount: QUEUE_MAX_RECEIVES },
    });

    const named = config.purchases.exportBucket;
    this.ownBucket = named
      ? undefined
      : new s3.Bucket(this, "Exports", {
          encryption: s3.BucketEncryption.S3_MANAGED,
          blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
          objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
          enforceSSL: true,
          versioned: true,
          removalPolicy: RemovalPolicy.RETAIN,
        });
    this.exportBucket = this.ownBucket ?? s3.Bucket.fromBucketName(this, "NamedExports", named!);

    // Made empty: the operator puts the values (infra/README.md); the functions read them at cold start.
    const secret = (id: string, suffix: string, description: string) =>
      new secretsmanager.Secret(this, id, {
        secretName: `${config.stage}/${PURCHASE_SERVICE}/${suffix}`,
        description,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.appStoreKey = secret(
      "AppStoreKey",
      "app-store-key",
      'App Store Server API key: {"keyId","issuerId","privateKey"} (App Store Connect, In-App Purchase key)',
    );
    this.googleServiceAccount = secret(
      "GoogleServiceAccount",
      "google-service-account",
      "Google Play Developer API: the service account's JSON key file",
    );
    this.brazeKey = config.purchases.braze
      ? secret("BrazeKey", "braze-key", "Braze REST API key (users.export.ids, campaigns.trigger.send)")
      : undefined;

    new CfnOutput(this, "ExportBucketName", { value: this.exportBucket.bucketName });
    this.#bucketArnExport = purchaseServiceName(config, "exports-arn");
    if (this.ownBucket) {
      new CfnOutput(this, "ExportBucketArn", {
        value: this.ownBucket.bucketArn,
        exportName: this.#bucketArnExport,
      });
    }
  }

  readonly #bucketArnExport: string;

  /**
   * The ARN of the objects under `prefix` for another stack's policy, by the bucket ARN's named export
   * (or the named bucket's literal ARN), and how cdk-nag reads it there.
   */
  exportObjects(prefix: string): { readonly arn: string; readonly asNagReads: string } {
    if (!this.ownBucket) {
      const arn = this.exportBucket.arnForObjects(prefix);
      return { arn, asNagReads: arn };
    }
    return {
      arn: `${Fn.importValue(this.#bucketArnExport)}/${prefix}`,
      asNagReads: `${this.#bucketArnExport}/${prefix}`,
    };
  }

  /** The bucket's ARN for another stack's policy (ListBucket). */
  exportBucketArn(): string {
    return this.ownBucket ? Fn.importValue(this.#bucketArnExport) : this.exportBucket.bucketArn;
  }
}
