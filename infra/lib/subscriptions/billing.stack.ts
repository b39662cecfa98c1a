/**
 * The Subscription Service's billing run, in a stack of its own: the function, its grants on the Payment
 * and User Service routes it calls, its schedule (every 5 minutes) and its alarms. Apart from the
 * stateless stack because it calls the User Service's API, whose stack calls the Subscription Service's
 * API: in the stateless stack the two stateless stacks would each depend on the other. This one deploys
 * after both (and after the migration trigger). Replaceable at will: it holds no data (its dead-letter
 * queue aside, which holds only pointers to runs that failed).
 */
import { Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as destinations from "aws-cdk-lib/aws-lambda-destinations";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import * as targets from "aws-cdk-lib/aws-scheduler-targets";
import type * as sns from "aws-cdk-lib/aws-sns";
import * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { Alarms } from "../shared/alarms.construct.ts";
import type { DeadLetterQueue } from "../shared/dead-letters.registry.ts";
import type { RosterFunction } from "../shared/roster-function.construct.ts";
import { subscriptionFunction, subscriptionsDatabaseEnvironment } from "./functions.construct.ts";
import type { SubscriptionsStatefulStack } from "./stateful.stack.ts";
import { serviceMetric } from "./stateless.stack.ts";
import { SUBSCRIPTION_SERVICE, subscriptionServiceName } from "./subscription-service.names.ts";
import type { SubscriptionsConfig } from "./subscriptions.settings.ts";

/** Under the schedule's 5 minutes, so a run ends before the next starts (BILLING_RESERVE_MS of it for the last batch). */
export const BILLING_RUN_TIMEOUT = Duration.minutes(4);
export const BILLING_RUN_RATE = Duration.minutes(5);
/** ADR-018's recovery window is +1, +3, +7 days: a subscription recovered later than that is a bug. */
export const RECOVERY_WINDOW_THRESHOLD_MS = 8 * 24 * 3_600_000;
/** The metric the billing runner publishes on each recovery (src/subscriptions/workers/billing-run.worker.ts). */
export const RECOVERY_WINDOW_METRIC = "subscriptions.recovery.window";

/** An internal API the billing run calls: its URL and region, and the routes its role may invoke. */
export interface CalledApi {
  readonly url: string;
  readonly region: string;
  readonly routes: string[];
}

export interface SubscriptionsBillingStackProps extends StackProps {
  readonly config: SubscriptionsConfig;
  readonly stateful: SubscriptionsStatefulStack;
  readonly bundleDir: string;
  /** Named up front, so the Payment and User Services can map it (IAM_PRINCIPALS) before it exists. */
  readonly billingRoleName: string;
  readonly paymentApi: CalledApi;
  readonly userApi: CalledApi;
  /** The service's alarms topic (the stateless stack's): one topic per service and stage. */
  readonly alarmsTopic: sns.ITopic;
}

export class SubscriptionsBillingStack extends Stack {
  readonly billingRun: RosterFunction;
  /** The billing run's `execute-api:Invoke` on exactly the Payment and User Service routes it calls. */
  readonly internalRoutes: iam.Policy;
  readonly deadLetters: sqs.Queue;
  readonly schedulerRole: iam.Role;
  readonly schedule: scheduler.Schedule;
  /** Its dead-letter and on-failure queues: its alarms' and the stage's registry (the console's page). */
  readonly deadLetterQueues: DeadLetterQueue[];
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: SubscriptionsBillingStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    this.billingRun = subscriptionFunction(this, props, "subscriptions-billing-run", "billing-run", {
      description: "Every 5 minutes: due renewals charged through the Payment Service, then the follow-ups",
      timeout: BILLING_RUN_TIMEOUT,
      // One run at a time: a second would claim nothing (SKIP LOCKED) but double the calls' load.
      reservedConcurrency: 1,
      roleName: props.billingRoleName,
      environment: {
        ...subscriptionsDatabaseEnvironment(stateful),
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

    // A run that could not start or failed is not retried: the next run takes what it would have (due
    // cycles stay due). Each lands here as a pointer, never as data.
    this.deadLetters = new sqs.Queue(this, "DeadLetters", {
      queueName: subscriptionServiceName(config, "billing-run-dlq"),
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.schedulerRole = new iam.Role(this, "SchedulerRole", {
      assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": config.account } },
      }),
      description: `${subscriptionServiceName(config, "billing-run")} schedule: invokes the billing run only`,
    });
    this.billingRun.fn.configureAsyncInvoke({
      retryAttempts: 0,
      maxEventAge: BILLING_RUN_RATE,
      onFailure: new destinations.SqsDestination(this.deadLetters),
    });
    this.schedule = new scheduler.Schedule(this, "billing-run-schedule", {
      scheduleName: subscriptionServiceName(config, "billing-run"),
      description: "Starts the billing run every 5 minutes (due renewals, then the follow-ups)",
      schedule: scheduler.ScheduleExpression.rate(BILLING_RUN_RATE),
      target: new targets.LambdaInvoke(this.billingRun.fn, {
        role: this.schedulerRole,
        retryAttempts: 0,
        maxEventAge: Duration.minutes(1),
        deadLetterQueue: this.deadLetters,
      }),
    });

    // The schedule's and the run's failures: no queue to send them back to.
    this.deadLetterQueues = [{ name: "billing-run-dlq", queue: this.deadLetters, kind: "queue" }];
    this.alarms = new Alarms(this, "Alarms", {
      config,
      service: SUBSCRIPTION_SERVICE,
      topic: props.alarmsTopic,
      apis: [],
      functions: [{ name: this.billingRun.name, resource: this.billingRun.fn }],
      streamConsumers: [],
      deadLetterQueues: this.deadLetterQueues.map(({ name, queue }) => ({ name, resource: queue })),
      metrics: [
        {
          name: "recovery-window",
          metric: serviceMetric(config, RECOVERY_WINDOW_METRIC, Duration.hours(1)),
          threshold: RECOVERY_WINDOW_THRESHOLD_MS,
          description:
            "billing run: a subscription paid after more than 8 days past due, beyond the +1/+3/+7-day recovery window (ADR-018): the window is not being enforced",
        },
      ],
    });
  }
}
