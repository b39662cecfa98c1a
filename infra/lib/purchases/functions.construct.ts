/**
 * The Purchases service's functions (scripts/build.ts entries purchases-*), each with its environment
 * (the variables of src/purchases/wiring/config/) and grants on exactly the tables, indexes, queues,
 * secrets and objects it uses. None is in a VPC: DynamoDB, SQS, S3, Secrets Manager and the stores'
 * APIs are reached over AWS's and the vendors' public endpoints.
 */
import { Duration, Lazy } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { TableSpec } from "../../../src/platform/store/table-spec.ts";
import {
  accountTokensTable,
  subscriptionEventsTable,
  subscriptionsTable,
  userSubscriptionsTable,
} from "../../../src/purchases/adapters/dynamodb/purchases.tables.ts";
import { API_TIMEOUT, AUTHORIZER_TIMEOUT, WORKER_TIMEOUT } from "../shared/lambda.limits.ts";
import { RosterFunction, type RosterFunctionProps } from "../shared/roster-function.construct.ts";
import { grantTables, type TableAccess } from "../shared/table-grants.iam.ts";
import { PURCHASE_SERVICE } from "./purchase-service.names.ts";
import type { PurchasesConfig } from "./purchases.settings.ts";
import {
  FETCH_WORKER_TIMEOUT,
  type PurchasesStatefulStack,
  SNAPSHOT_WORKER_TIMEOUT,
} from "./stateful.stack.ts";

type Env = Record<string, string>;

/** The export reads two tables whole and writes a document per page. */
export const EXPORT_TIMEOUT = Duration.minutes(15);

export interface PurchaseServiceFunctionsProps {
  readonly config: PurchasesConfig;
  readonly bundleDir: string;
  readonly stateful: PurchasesStatefulStack;
  /** The Pub/Sub push tokens' audience: the stage's setting, else the public API's `.../google/pubsub`. */
  readonly pushAudience: string;
  /** The callers other services admitted to the internal API (shared/apis.registry.ts), read at synth. */
  readonly callers: () => Readonly<Record<string, string>>;
}

export class PurchaseServiceFunctions extends Construct {
  readonly api: RosterFunction;
  readonly authorizer: RosterFunction;
  readonly fetchWorker: RosterFunction;
  readonly linkChanges: RosterFunction;
  readonly subscriptionChanges: RosterFunction;
  readonly snapshotWorker: RosterFunction;
  readonly revalidation: RosterFunction;
  readonly replay: RosterFunction;
  readonly export: RosterFunction;

  readonly #config: PurchasesConfig;
  readonly #stateful: PurchasesStatefulStack;

  constructor(scope: Construct, id: string, props: PurchaseServiceFunctionsProps) {
    super(scope, id);
    const { config, stateful } = props;
    this.#config = config;
    this.#stateful = stateful;
    const make = (
      entry: string,
      name: string,
      rest: Omit<RosterFunctionProps, "config" | "service" | "bundleDir" | "entry" | "name">,
    ) =>
      new RosterFunction(this, name, {
        config,
        service: PURCHASE_SERVICE,
        bundleDir: props.bundleDir,
        entry: `purchases-${entry}`,
        name,
        ...rest,
      });
    const apps: Env = { PURCHASES_APPS: JSON.stringify(config.purchases.apps) };
    const braze: Env =
      config.purchases.braze && stateful.brazeKey
        ? {
            BRAZE_API_URL: config.purchases.braze.apiUrl,
            BRAZE_API_KEY_SECRET_ARN: stateful.brazeKey.secretArn,
          }
        : {};
    const fetchQueue: Env = { FETCH_QUEUE_URL: stateful.fetchQueue.queueUrl };
    const softOptIns: Env = { SOFT_OPT_IN_QUEUE_URL: stateful.softOptIns.queueUrl };
    const bucket: Env = { EXPORT_BUCKET: stateful.exportBucket.bucketName };
    const appStoreKey: Env = { APP_STORE_KEY_SECRET_ARN: stateful.appStoreKey.secretArn };
    const auth0: Env = {
      AUTH0_ISSUER: config.purchases.auth0.issuer,
      AUTH0_AUDIENCE: config.purchases.auth0.audience,
    };

    this.api = make("api", "api", {
      description: "Purchases API: the stores' pushes, linking, status (seed 001)",
      timeout: API_TIMEOUT,
      memorySize: 1024,
      environment: {
        ...apps,
        ...fetchQueue,
        GOOGLE_PUSH_AUDIENCE: props.pushAudience,
        GOOGLE_PUSH_SERVICE_ACCOUNT: config.purchases.googlePush.serviceAccount,
        ...auth0,
        IAM_PRINCIPALS: Lazy.string({
          produce: () => JSON.stringify({ ...props.callers(), ...config.purchases.iamPrincipals }),
        }),
      },
    });
    this.#tables(this.api, {
      subscriptions: "read",
      subscriptionEvents: "readWrite",
      userSubscriptions: "readWrite",
      accountTokens: "readWrite",
    });
    send(this.api, stateful.fetchQueue);

    this.authorizer = make("auth0-authorizer", "auth0-authorizer", {
      description: "The users' routes' TOKEN authorizer: verifies the Auth0 JWT",
      timeout: AUTHORIZER_TIMEOUT,
      memorySize: 256,
      environment: auth0,
    });

    this.fetchWorker = make("fetch-worker", "fetch-worker", {
      description: "SQS FIFO {stage}-purchases-fetch.fifo: a subscription's state from its store",
      timeout: FETCH_WORKER_TIMEOUT,
      environment: {
        ...apps,
        ...fetchQueue,
        ...appStoreKey,
        GOOGLE_SERVICE_ACCOUNT_SECRET_ARN: stateful.googleServiceAccount.secretArn,
        ...braze,
      },
    });
    this.#tables(this.fetchWorker, {
      subscriptions: "readWrite",
      subscriptionEvents: "readWrite",
      userSubscriptions: "readWrite",
      accountTokens: "read",
    });
    read(this.fetchWorker, stateful.appStoreKey, stateful.googleServiceAccount, stateful.brazeKey);

    this.linkChanges = make("link-changes", "link-changes", {
      description: "user-subscriptions change feed: a new link's soft opt-in (and welcome)",
      timeout: WORKER_TIMEOUT,
      environment: { ...apps, ...softOptIns, ...braze },
    });
    this.#tables(this.linkChanges, { subscriptions: "read", userSubscriptions: "read" });
    send(this.linkChanges, stateful.softOptIns);
    read(this.linkChanges, stateful.brazeKey);

    this.subscriptionChanges = make("subscription-changes", "subscription-changes", {
      description: "subscriptions change feed: snapshots, a TTL deletion's links severed",
      timeout: WORKER_TIMEOUT,
      environment: {
        ...apps,
        ...softOptIns,
        SNAPSHOT_QUEUE_URL: stateful.snapshots.queueUrl,
        ...braze,
      },
    });
    this.#tables(this.subscriptionChanges, { subscriptions: "read", userSubscriptions: "readWrite" });
    send(this.subscriptionChanges, stateful.softOptIns, stateful.snapshots);
    read(this.subscriptionChanges, stateful.brazeKey);

    this.snapshotWorker = make("snapshot-worker", "snapshot-worker", {
      description: "SQS {stage}-purchases-snapshots: snapshots archived in the object store",
      timeout: SNAPSHOT_WORKER_TIMEOUT,
      environment: bucket,
    });
    this.#objects(this.snapshotWorker, "purchases/snapshots/*");

    this.revalidation = make("revalidation", "revalidation", {
      description: "Every 15 minutes: a 24th of the expiry window's fetches queued",
      timeout: WORKER_TIMEOUT,
      reservedConcurrency: 1,
      environment: { ...apps, ...fetchQueue },
    });
    this.#tables(this.revalidation, { subscriptions: "read" });
    send(this.revalidation, stateful.fetchQueue);

    this.replay = make("replay", "replay", {
      description: "Daily: Apple's failed notifications replayed from its notification history",
      timeout: WORKER_TIMEOUT,
      reservedConcurrency: 1,
      environment: { ...apps, ...fetchQueue, ...appStoreKey },
    });
    this.#tables(this.replay, { subscriptionEvents: "readWrite" });
    send(this.replay, stateful.fetchQueue);
    read(this.replay, stateful.appStoreKey);

    this.export = make("export", "export", {
      description: "Daily 00:03 UTC: the day before exported as gzipped NDJSON",
      timeout: EXPORT_TIMEOUT,
      memorySize: 1024,
      reservedConcurrency: 1,
      environment: { ...apps, ...bucket },
    });
    this.#tables(this.export, {
      subscriptions: "read",
      subscriptionEvents: "read",
      userSubscriptions: "read",
    });
    // The export reads the subscriptions and the links whole: the one Scan of the service.
    this.export.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["dynamodb:Scan"],
        resources: [stateful.tables.subscriptions.tableArn, stateful.tables.userSubscriptions.tableArn],
      }),
    );
    this.#objects(this.export, "purchases/exports/*");
  }

  all(): RosterFunction[] {
    return [
      this.api,
      this.authorizer,
      this.fetchWorker,
      this.linkChanges,
      this.subscriptionChanges,
      this.snapshotWorker,
      this.revalidation,
      this.replay,
      this.export,
    ];
  }

  #tables(fn: RosterFunction, access: Partial<Record<TableKey, TableAccess>>): void {
    const grants = Object.entries(access).map(([key, level]) => ({
      spec: SPECS[key as TableKey],
      access: level,
    }));
    grantTables(this, fn.role, this.#config.stage, grants);
  }

  /** The object store's calls: a put (If-None-Match), a read to see whether it is there, a list. */
  #objects(fn: RosterFunction, prefix: string): void {
    const stateful = this.#stateful;
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["s3:PutObject", "s3:GetObject"],
        resources: [stateful.exportObjects(prefix).arn],
      }),
    );
    // Without ListBucket, S3 answers 403 rather than 404 for a key that is not there.
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ["s3:ListBucket"], resources: [stateful.exportBucketArn()] }),
    );
  }
}

type TableKey = "subscriptions" | "subscriptionEvents" | "userSubscriptions" | "accountTokens";

const SPECS: Record<TableKey, TableSpec> = {
  subscriptions: subscriptionsTable,
  subscriptionEvents: subscriptionEventsTable,
  userSubscriptions: userSubscriptionsTable,
  accountTokens: accountTokensTable,
};

/** `sqs:SendMessage` (SendMessageBatch is the same IAM action); the queues use SQS's own key. */
function send(fn: RosterFunction, ...queues: sqs.IQueue[]): void {
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: queues.map((q) => q.queueArn) }),
  );
}

/** `secretsmanager:GetSecretValue` (and DescribeSecret) on exactly these secrets. */
function read(fn: RosterFunction, ...secrets: (secretsmanager.ISecret | undefined)[]): void {
  for (const secret of secrets) secret?.grantRead(fn.role);
}
