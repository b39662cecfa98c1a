/**
 * The Subscription Service's functions (scripts/build.ts entries subscriptions-api, -migrate,
 * -billing-run, -outbox-relay, -payments-worker, -users-worker), in the service's VPC as the database's
 * clients, each with its environment (the variables of src/subscriptions/wiring/config/) and grants on
 * exactly what it uses. The billing run's role is named up front, so the Payment and User Services can
 * map it (IAM_PRINCIPALS) before it exists.
 */
import { Duration, Lazy } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { databaseEnvironment } from "../shared/database.environment.ts";
import { API_TIMEOUT, WORKER_TIMEOUT } from "../shared/lambda.limits.ts";
import { RosterFunction, type RosterFunctionProps } from "../shared/roster-function.construct.ts";
import type { SubscriptionsStatefulStack } from "./stateful.stack.ts";
import { SUBSCRIPTION_SERVICE } from "./subscription-service.names.ts";
import type { SubscriptionsConfig } from "./subscriptions.settings.ts";

export const MIGRATE_TIMEOUT = Duration.minutes(5);
/** Under the schedule's 5 minutes, so a run ends before the next starts (BILLING_RESERVE_MS of it for the last batch). */
export const BILLING_RUN_TIMEOUT = Duration.minutes(4);
export const RELAY_TIMEOUT = WORKER_TIMEOUT;

/** An internal API the billing run calls: its URL and region, and the routes its role may invoke. */
export interface CalledApi {
  readonly url: string;
  readonly region: string;
  readonly routes: string[];
}

export interface SubscriptionServiceFunctionsProps {
  readonly config: SubscriptionsConfig;
  readonly bundleDir: string;
  readonly stateful: SubscriptionsStatefulStack;
  /** The callers other services admitted (shared/apis.registry.ts), read at synth. */
  readonly callers: () => Readonly<Record<string, string>>;
  readonly billingRoleName: string;
  readonly paymentApi: CalledApi;
  readonly userApi: CalledApi;
}

export class SubscriptionServiceFunctions extends Construct {
  readonly api: RosterFunction;
  readonly migrate: RosterFunction;
  readonly billingRun: RosterFunction;
  readonly outboxRelay: RosterFunction;
  readonly paymentsWorker: RosterFunction;
  readonly usersWorker: RosterFunction;
  /** The billing run's `execute-api:Invoke` on exactly the Payment and User Service routes it calls. */
  readonly internalRoutes: iam.Policy;

  constructor(scope: Construct, id: string, props: SubscriptionServiceFunctionsProps) {
    super(scope, id);
    const { config, stateful } = props;
    const { database } = stateful;
    const make = (
      entry: string,
      name: string,
      rest: Omit<RosterFunctionProps, "config" | "service" | "bundleDir" | "entry" | "name" | "network">,
    ) => {
      const made = new RosterFunction(this, name, {
        config,
        service: SUBSCRIPTION_SERVICE,
        bundleDir: props.bundleDir,
        entry,
        name,
        network: { vpc: stateful.network.vpc, securityGroups: [database.clientSecurityGroup] },
        ...rest,
      });
      // Every function opens the database: RDS Proxy with the secret's user.
      database.secret.grantRead(made.role);
      return made;
    };
    const db = databaseEnvironment(
      {
        secretArn: database.secret.secretArn,
        host: database.proxy.endpoint,
        readHost: undefined,
        name: database.databaseName,
      },
      { reads: false },
    );

    this.api = make("subscriptions-api", "api", {
      description:
        "Subscription Service API: the catalogue's commands and the User Service's billing contract",
      timeout: API_TIMEOUT,
      memorySize: 1024,
      environment: {
        ...db,
        IAM_PRINCIPALS: Lazy.string({
          produce: () => JSON.stringify({ ...props.callers(), ...config.subscriptionsIamPrincipals }),
        }),
      },
    });

    this.migrate = make("subscriptions-migrate", "migrate", {
      description: "Brings the subscriptions schema up to date; run once per deployment by a trigger",
      timeout: MIGRATE_TIMEOUT,
      environment: db,
    });

    this.billingRun = make("subscriptions-billing-run", "billing-run", {
      description: "Every 5 minutes: due renewals charged through the Payment Service, then the follow-ups",
      timeout: BILLING_RUN_TIMEOUT,
      // One run at a time: a second would claim nothing (SKIP LOCKED) but double the calls' load.
      reservedConcurrency: 1,
      roleName: props.billingRoleName,
      environment: {
        ...db,
        PAYMENT_API_URL: `${props.paymentApi.url}payments`,
        PAYMENT_API_REGION: props.paymentApi.region,
        USER_API_URL: props.userApi.url,
        USER_API_REGION: props.userApi.region,
        METRICS_NAMESPACE: config.metricsNamespace,
      },
    });
    // A policy of its own, so its acknowledgements (subscriptions.nag.ts) cover these routes and nothing else.
    this.internalRoutes = new iam.Policy(this, "InternalRoutes", {
      statements: [
        new iam.PolicyStatement({
          actions: ["execute-api:Invoke"],
          resources: [...props.paymentApi.routes, ...props.userApi.routes],
        }),
      ],
    });
    this.billingRun.role.attachInlinePolicy(this.internalRoutes);

    this.outboxRelay = make("subscriptions-outbox-relay", "outbox-relay", {
      description:
        "Every minute: the outbox to Kinesis {stage}-subscriptions, the service's bus, the documents bucket and the notices queue",
      timeout: RELAY_TIMEOUT,
      // One relay at a time (the Outbox port's rule).
      reservedConcurrency: 1,
      environment: {
        ...db,
        SUBSCRIPTIONS_STREAM_NAME: stateful.stream.streamName,
        EVENT_BUS_NAME: stateful.bus.eventBusName,
        DOCUMENTS_BUCKET: stateful.documents.bucketName,
        NOTIFICATIONS_QUEUE_URL: stateful.notifications.queueUrl,
        METRICS_NAMESPACE: config.metricsNamespace,
      },
    });
    // Only what KinesisStreamProducer and EventBridgePublisher call; the stream uses the AWS managed key.
    this.outboxRelay.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ["kinesis:PutRecords"], resources: [stateful.stream.streamArn] }),
    );
    stateful.bus.grantPutEventsTo(this.outboxRelay.role);
    // The notices: SendMessage and SendMessageBatch (one IAM action); the queue uses SQS's own key.
    this.outboxRelay.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: [stateful.notifications.queueArn] }),
    );
    // The object store's calls: a put (If-None-Match), a read to compare a conflicting one, a list.
    this.outboxRelay.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["s3:PutObject", "s3:GetObject"],
        resources: [stateful.documentObjects("subscriptions/*").arn],
      }),
    );
    this.outboxRelay.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ["s3:ListBucket"], resources: [stateful.documents.bucketArn] }),
    );

    this.paymentsWorker = make("subscriptions-payments-worker", "payments-worker", {
      description: "Kinesis {stage}-payments: renewal payments settle or dispute their billing cycle",
      timeout: WORKER_TIMEOUT,
      environment: db,
    });
    this.usersWorker = make("subscriptions-users-worker", "users-worker", {
      description: "Kinesis {stage}-user-service-users: a cancelled membership ends its billing",
      timeout: WORKER_TIMEOUT,
      environment: db,
    });
  }

  all(): RosterFunction[] {
    return [this.api, this.migrate, this.billingRun, this.outboxRelay, this.paymentsWorker, this.usersWorker];
  }
}
