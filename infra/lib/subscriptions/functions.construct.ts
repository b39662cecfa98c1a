/**
 * The Subscription Service's functions of its stateless stack (scripts/build.ts entries
 * subscriptions-api, -migrate, -outbox-relay, -payments-worker, -users-worker), in the service's VPC as
 * the database's clients, each with its environment (the variables of src/subscriptions/wiring/config/)
 * and grants on exactly what it uses. The billing run (-billing-run) is the billing stack's
 * (billing.stack.ts), made the same way with `subscriptionFunction`.
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
export const RELAY_TIMEOUT = WORKER_TIMEOUT;

export interface SubscriptionFunctionProps {
  readonly config: SubscriptionsConfig;
  readonly bundleDir: string;
  readonly stateful: SubscriptionsStatefulStack;
}

type FunctionSettings = Omit<
  RosterFunctionProps,
  "config" | "service" | "bundleDir" | "entry" | "name" | "network"
>;

/** One of the service's functions, in its VPC as a client of its database (RDS Proxy with the secret's user). */
export function subscriptionFunction(
  scope: Construct,
  props: SubscriptionFunctionProps,
  entry: string,
  name: string,
  rest: FunctionSettings,
): RosterFunction {
  const { database, network } = props.stateful;
  const made = new RosterFunction(scope, name, {
    config: props.config,
    service: SUBSCRIPTION_SERVICE,
    bundleDir: props.bundleDir,
    entry,
    name,
    network: { vpc: network.vpc, securityGroups: [database.clientSecurityGroup] },
    ...rest,
  });
  database.secret.grantRead(made.role);
  return made;
}

/** The database's variables every function reads (the primary only: no read replica). */
export function subscriptionsDatabaseEnvironment(
  stateful: SubscriptionsStatefulStack,
): Record<string, string> {
  const { database } = stateful;
  return databaseEnvironment(
    {
      secretArn: database.secret.secretArn,
      host: database.proxy.endpoint,
      readHost: undefined,
      name: database.databaseName,
    },
    { reads: false },
  );
}

export interface SubscriptionServiceFunctionsProps extends SubscriptionFunctionProps {
  /** The callers other services admitted (shared/apis.registry.ts), read at synth. */
  readonly callers: () => Readonly<Record<string, string>>;
}

export class SubscriptionServiceFunctions extends Construct {
  readonly api: RosterFunction;
  readonly migrate: RosterFunction;
  readonly outboxRelay: RosterFunction;
  readonly paymentsWorker: RosterFunction;
  readonly usersWorker: RosterFunction;

  constructor(scope: Construct, id: string, props: SubscriptionServiceFunctionsProps) {
    super(scope, id);
    const { config, stateful } = props;
    // Every function opens the database: RDS Proxy with the secret's user.
    const make = (entry: string, name: string, rest: FunctionSettings) =>
      subscriptionFunction(this, props, entry, name, rest);
    const db = subscriptionsDatabaseEnvironment(stateful);

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
    return [this.api, this.migrate, this.outboxRelay, this.paymentsWorker, this.usersWorker];
  }
}
