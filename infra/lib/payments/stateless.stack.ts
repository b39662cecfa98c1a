/**
 * The Payment Service's code: its functions, its REST API, the relay's schedule, the migration trigger
 * and the alarms. Replaceable at will: it holds no data (the relay's dead-letter queue aside, which
 * holds only the runs that did not happen; the next run relays what they would have).
 */
import { Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as iam from "aws-cdk-lib/aws-iam";
import * as destinations from "aws-cdk-lib/aws-lambda-destinations";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import * as targets from "aws-cdk-lib/aws-scheduler-targets";
import * as sqs from "aws-cdk-lib/aws-sqs";
import * as triggers from "aws-cdk-lib/triggers";
import type { Construct } from "constructs";
import { OUTBOX_LAG_METRIC } from "../../../src/payments/wiring/config/outbox-relay.config.ts";
import { Alarms } from "../shared/alarms.construct.ts";
import type { DeadLetterQueue } from "../shared/dead-letters.registry.ts";
import { PaymentsApi } from "./api.construct.ts";
import { MIGRATE_TIMEOUT, PaymentServiceFunctions } from "./functions.construct.ts";
import { PAYMENT_SERVICE, paymentServiceName } from "./payment-service.names.ts";
import type { PaymentsConfig } from "./payments.settings.ts";
import type { PaymentsStatefulStack } from "./stateful.stack.ts";

/** The relay-lag alarm: the oldest record a run found waiting was committed this long before. */
export const RELAY_LAG_THRESHOLD_MS = 2 * 60_000;

export interface PaymentsStatelessStackProps extends StackProps {
  readonly config: PaymentsConfig;
  readonly stateful: PaymentsStatefulStack;
  readonly bundleDir: string;
  /** The callers other services admitted to the API (shared/apis.registry.ts), read at synth. */
  readonly callers: () => Readonly<Record<string, string>>;
}

export class PaymentsStatelessStack extends Stack {
  readonly functions: PaymentServiceFunctions;
  readonly api: PaymentsApi;
  readonly relayDeadLetters: sqs.Queue;
  readonly relaySchedule: scheduler.Schedule;
  readonly schedulerRole: iam.Role;
  /** Its dead-letter and on-failure queues: its alarms' and the stage's registry (the console's page). */
  readonly deadLetterQueues: DeadLetterQueue[];
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: PaymentsStatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    const fns = new PaymentServiceFunctions(this, "Functions", {
      config,
      bundleDir: props.bundleDir,
      stateful,
      callers: props.callers,
    });
    this.functions = fns;
    this.api = new PaymentsApi(this, "Api", { config, handler: fns.api.fn });

    // A run that could not start (Scheduler could not invoke) or failed is not retried: the next minute's
    // run relays the same rows. Each lands here as a pointer for the operator, never as data.
    this.relayDeadLetters = new sqs.Queue(this, "RelayDeadLetters", {
      queueName: paymentServiceName(config, "outbox-relay-dlq"),
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    fns.outboxRelay.fn.configureAsyncInvoke({
      retryAttempts: 0,
      maxEventAge: Duration.minutes(2),
      onFailure: new destinations.SqsDestination(this.relayDeadLetters),
    });
    this.schedulerRole = new iam.Role(this, "RelaySchedulerRole", {
      assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": config.account } },
      }),
      description: `${paymentServiceName(config, "outbox-relay")} schedule: invokes the relay only`,
    });
    this.relaySchedule = new scheduler.Schedule(this, "RelaySchedule", {
      scheduleName: paymentServiceName(config, "outbox-relay"),
      description: "Starts the outbox relay every minute (each run relays for most of it)",
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(1)),
      target: new targets.LambdaInvoke(fns.outboxRelay.fn, {
        role: this.schedulerRole,
        retryAttempts: 0,
        maxEventAge: Duration.minutes(1),
        deadLetterQueue: this.relayDeadLetters,
      }),
    });

    // Once per deployment that changes the migration bundle, after the database stack is in place.
    new triggers.Trigger(this, "MigratePayments", {
      handler: fns.migrate.fn,
      timeout: MIGRATE_TIMEOUT,
      invocationType: triggers.InvocationType.REQUEST_RESPONSE,
      executeOnHandlerChange: true,
    });

    // The relay's schedule and asynchronous invocation failures: no queue to send them back to.
    this.deadLetterQueues = [{ name: "outbox-relay-dlq", queue: this.relayDeadLetters, kind: "queue" }];
    this.alarms = new Alarms(this, "Alarms", {
      config,
      service: PAYMENT_SERVICE,
      apis: [{ name: "api", resource: this.api.api }],
      functions: fns.all().map((f) => ({ name: f.name, resource: f.fn })),
      streamConsumers: [],
      deadLetterQueues: this.deadLetterQueues.map(({ name, queue }) => ({ name, resource: queue })),
      metrics: [
        {
          name: "relay-lag",
          metric: new cloudwatch.Metric({
            namespace: config.metricsNamespace,
            metricName: OUTBOX_LAG_METRIC,
            dimensionsMap: { service: PAYMENT_SERVICE },
            statistic: "Maximum",
            period: Duration.minutes(5),
          }),
          threshold: RELAY_LAG_THRESHOLD_MS,
          description: `outbox relay: a committed payments record waited over ${RELAY_LAG_THRESHOLD_MS / 60_000} minutes for the stream, or no run reported for 5 minutes (the relay is failing, throttled or not scheduled)`,
          missingIsBreaching: true,
        },
      ],
    });
  }
}
