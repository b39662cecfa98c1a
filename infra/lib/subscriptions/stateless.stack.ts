/**
 * The Subscription Service's code: its functions, its REST API, the relay's schedule, the two stream
 * workers, the migration trigger and the alarms (whose topic the billing stack's alarms share). The
 * billing run is the billing stack's (billing.stack.ts): it calls the User Service's API, whose stack
 * calls this one's. Replaceable at will: it holds no data (the dead-letter queues aside, which hold only
 * pointers to runs and batches that failed).
 */
import { Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kinesis from "aws-cdk-lib/aws-kinesis";
import * as destinations from "aws-cdk-lib/aws-lambda-destinations";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import * as targets from "aws-cdk-lib/aws-scheduler-targets";
import * as sqs from "aws-cdk-lib/aws-sqs";
import * as triggers from "aws-cdk-lib/triggers";
import type { Construct } from "constructs";
import { SUBSCRIPTIONS_OUTBOX_LAG_METRIC } from "../../../src/subscriptions/wiring/config/outbox-relay.config.ts";
import { Alarms } from "../shared/alarms.construct.ts";
import type { DeadLetterQueue } from "../shared/dead-letters.registry.ts";
import { STREAM_RETRIES } from "../shared/lambda.limits.ts";
import type { RosterFunction } from "../shared/roster-function.construct.ts";
import { StreamWorker } from "../shared/stream-worker.construct.ts";
import { SubscriptionsApi } from "./api.construct.ts";
import { MIGRATE_TIMEOUT, SubscriptionServiceFunctions } from "./functions.construct.ts";
import type { SubscriptionsStatefulStack } from "./stateful.stack.ts";
import { SUBSCRIPTION_SERVICE, subscriptionServiceName } from "./subscription-service.names.ts";
import type { SubscriptionsConfig } from "./subscriptions.settings.ts";

/** The notices alarm: the oldest notice on the queue has waited this long (seconds) for the sender. */
const NOTIFICATION_AGE_THRESHOLD_S = 60 * 60;

/** The relay-lag alarm: the oldest record a run found waiting was committed this long before. */
export const RELAY_LAG_THRESHOLD_MS = 2 * 60_000;

export interface SubscriptionsStatelessStackProps extends StackProps {
  readonly config: SubscriptionsConfig;
  readonly stateful: SubscriptionsStatefulStack;
  readonly bundleDir: string;
  readonly callers: () => Readonly<Record<string, string>>;
  /** The streams its workers read, by ARN (shared/streams.registry.ts). */
  readonly consumes: { readonly paymentsArn: string; readonly usersArn: string };
}

export class SubscriptionsStatelessStack extends Stack {
  readonly functions: SubscriptionServiceFunctions;
  readonly api: SubscriptionsApi;
  readonly scheduleDeadLetters: sqs.Queue;
  readonly schedulerRole: iam.Role;
  readonly relaySchedule: scheduler.Schedule;
  readonly workers: StreamWorker[];
  /** Its dead-letter and on-failure queues: its alarms' and the stage's registry (the console's page). */
  readonly deadLetterQueues: DeadLetterQueue[];
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: SubscriptionsStatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    const fns = new SubscriptionServiceFunctions(this, "Functions", {
      config,
      bundleDir: props.bundleDir,
      stateful,
      callers: props.callers,
    });
    this.functions = fns;
    this.api = new SubscriptionsApi(this, "Api", { config, handler: fns.api.fn });

    // A scheduled relay run that could not start or failed is not retried: the next run takes what it would
    // have (due cycles stay due; the outbox keeps its rows). Each lands here as a pointer, never as data.
    this.scheduleDeadLetters = new sqs.Queue(this, "ScheduleDeadLetters", {
      queueName: subscriptionServiceName(config, "schedules-dlq"),
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.schedulerRole = new iam.Role(this, "SchedulerRole", {
      assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": config.account } },
      }),
      description: `${subscriptionServiceName(config, "schedules")}: invokes the relay only`,
    });
    const every = (fn: RosterFunction, rate: Duration, description: string) => {
      fn.fn.configureAsyncInvoke({
        retryAttempts: 0,
        maxEventAge: rate,
        onFailure: new destinations.SqsDestination(this.scheduleDeadLetters),
      });
      return new scheduler.Schedule(this, `${fn.name}-schedule`, {
        scheduleName: subscriptionServiceName(config, fn.name),
        description,
        schedule: scheduler.ScheduleExpression.rate(rate),
        target: new targets.LambdaInvoke(fn.fn, {
          role: this.schedulerRole,
          retryAttempts: 0,
          maxEventAge: Duration.minutes(1),
          deadLetterQueue: this.scheduleDeadLetters,
        }),
      });
    };
    this.relaySchedule = every(
      fns.outboxRelay,
      Duration.minutes(1),
      "Starts the outbox relay every minute (each run relays for most of it)",
    );

    const paymentsStream = kinesis.Stream.fromStreamArn(this, "PaymentsStream", props.consumes.paymentsArn);
    const usersStream = kinesis.Stream.fromStreamArn(this, "UsersStream", props.consumes.usersArn);
    // Both workers report failed records by sequence number and bisect a thrown batch (their READMEs).
    const worker = (fn: RosterFunction, stream: kinesis.IStream) =>
      new StreamWorker(this, `${fn.name}-stream`, {
        config,
        service: SUBSCRIPTION_SERVICE,
        name: fn.name,
        fn: fn.fn,
        source: { kinesis: stream },
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: STREAM_RETRIES,
      });
    this.workers = [worker(fns.paymentsWorker, paymentsStream), worker(fns.usersWorker, usersStream)];

    // Once per deployment that changes the migration bundle, after the database stack is in place.
    new triggers.Trigger(this, "MigrateSubscriptions", {
      handler: fns.migrate.fn,
      timeout: MIGRATE_TIMEOUT,
      invocationType: triggers.InvocationType.REQUEST_RESPONSE,
      executeOnHandlerChange: true,
    });

    this.deadLetterQueues = [
      // The relay's schedule and asynchronous invocation failures: no queue to send them back to.
      { name: "schedules-dlq", queue: this.scheduleDeadLetters, kind: "queue" },
      {
        name: "notifications-dlq",
        queue: stateful.notificationDeadLetters,
        kind: "queue",
        source: stateful.notifications,
      },
      ...this.workers.map((w) => w.deadLetterQueue),
    ];
    this.alarms = new Alarms(this, "Alarms", {
      config,
      service: SUBSCRIPTION_SERVICE,
      apis: [{ name: "api", resource: this.api.api }],
      functions: fns.all().map((f) => ({ name: f.name, resource: f.fn })),
      streamConsumers: this.workers.map((w) => ({ name: w.name, resource: w.fn })),
      deadLetterQueues: this.deadLetterQueues.map(({ name, queue }) => ({ name, resource: queue })),
      metrics: [
        {
          name: "relay-lag",
          metric: this.#metric(config, SUBSCRIPTIONS_OUTBOX_LAG_METRIC),
          threshold: RELAY_LAG_THRESHOLD_MS,
          description: `outbox relay: a committed subscriptions record waited over ${RELAY_LAG_THRESHOLD_MS / 60_000} minutes for the stream or bus, or no run reported for 5 minutes`,
          missingIsBreaching: true,
        },
        {
          name: "notifications-waiting",
          metric: stateful.notifications.metricApproximateAgeOfOldestMessage({
            period: Duration.minutes(5),
            statistic: "Maximum",
          }),
          threshold: NOTIFICATION_AGE_THRESHOLD_S,
          description:
            "notices queue: a member's notice has waited over an hour: the email and push sender is not reading {stage}-subscription-notifications",
        },
      ],
    });
  }

  #metric(config: SubscriptionsConfig, metricName: string) {
    return serviceMetric(config, metricName, Duration.minutes(5));
  }
}

/** A metric the service's code publishes, by its `service` dimension (the relay's lag, the recovery window). */
export function serviceMetric(config: SubscriptionsConfig, metricName: string, period: Duration) {
  return new cloudwatch.Metric({
    namespace: config.metricsNamespace,
    metricName,
    dimensionsMap: { service: SUBSCRIPTION_SERVICE },
    statistic: "Maximum",
    period,
  });
}
