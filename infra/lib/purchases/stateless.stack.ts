/**
 * The Purchases service's code: its functions, its two REST APIs (internal, IAM; public, the store
 * pushes and the users' routes), the event source mappings (the FIFO fetch queue, the two change feeds,
 * the snapshots), the three schedules (EventBridge Scheduler, UTC) and the alarms. Replaceable at
 * will: it holds no data (the failure queues aside, which hold only pointers to records still in their
 * streams and to runs that failed).
 */
import { Duration, Lazy, RemovalPolicy, Stack, type StackProps, TimeZone } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as destinations from "aws-cdk-lib/aws-lambda-destinations";
import * as sources from "aws-cdk-lib/aws-lambda-event-sources";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import * as targets from "aws-cdk-lib/aws-scheduler-targets";
import * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { Alarms } from "../shared/alarms.construct.ts";
import type { DeadLetterQueue } from "../shared/dead-letters.registry.ts";
import { DYNAMODB_STREAM_RETRIES, QUEUE_BATCH_SIZE } from "../shared/lambda.limits.ts";
import type { RosterFunction } from "../shared/roster-function.construct.ts";
import { StreamWorker } from "../shared/stream-worker.construct.ts";
import { PurchasesApis } from "./api.construct.ts";
import { PurchaseServiceFunctions } from "./functions.construct.ts";
import { PURCHASE_SERVICE, purchaseServiceName } from "./purchase-service.names.ts";
import type { PurchasesConfig } from "./purchases.settings.ts";
import type { PurchasesStatefulStack } from "./stateful.stack.ts";

/** The three schedules, in UTC (src/purchases/workers/scheduled-jobs.worker.ts). */
export const SCHEDULES = {
  revalidation: "rate(15 minutes)",
  replay: "cron(30 1 * * ? *)",
  export: "cron(3 0 * * ? *)",
} as const;

/** A scheduled run that could not be invoked is retried this often by the scheduler, within an hour. */
const SCHEDULE_RETRIES = 2;

export interface PurchasesStatelessStackProps extends StackProps {
  readonly config: PurchasesConfig;
  readonly stateful: PurchasesStatefulStack;
  readonly bundleDir: string;
  /** The callers other services admitted to the internal API (shared/apis.registry.ts), read at synth. */
  readonly callers: () => Readonly<Record<string, string>>;
}

export class PurchasesStatelessStack extends Stack {
  readonly functions: PurchaseServiceFunctions;
  readonly apis: PurchasesApis;
  readonly workers: StreamWorker[];
  readonly scheduleDeadLetters: sqs.Queue;
  readonly schedulerRole: iam.Role;
  readonly schedules: scheduler.Schedule[];
  /** Its dead-letter and on-failure queues: its alarms' and the stage's registry (the console's page). */
  readonly deadLetterQueues: DeadLetterQueue[];
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: PurchasesStatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    // Pub/Sub's default audience is the push endpoint: built from the public API's id, not its URL
    // (whose stage would make the function depend on the deployment that depends on the function).
    const pushAudience =
      config.purchases.googlePush.audience ??
      `https://${Lazy.string({ produce: () => this.apis.public.restApiId })}.execute-api.${this.region}.${this.urlSuffix}/${config.stage}/google/pubsub`;
    const fns = new PurchaseServiceFunctions(this, "Functions", {
      config,
      bundleDir: props.bundleDir,
      stateful,
      pushAudience,
      callers: props.callers,
    });
    this.functions = fns;
    this.apis = new PurchasesApis(this, "Apis", {
      config,
      handler: fns.api.fn,
      authorizer: fns.authorizer.fn,
    });

    // A failed fetch holds back the later ones of its subscription (its group): reported, received again
    // after the visibility timeout, dead-lettered after the queue's receive count.
    fns.fetchWorker.fn.addEventSource(
      new sources.SqsEventSource(stateful.fetchQueue, {
        batchSize: QUEUE_BATCH_SIZE,
        reportBatchItemFailures: true,
      }),
    );
    fns.snapshotWorker.fn.addEventSource(
      new sources.SqsEventSource(stateful.snapshots, {
        batchSize: QUEUE_BATCH_SIZE,
        reportBatchItemFailures: true,
      }),
    );
    // Both change-feed workers report failed records by sequence number and bisect a thrown batch.
    const feed = (fn: RosterFunction, table: typeof stateful.tables.subscriptions) =>
      new StreamWorker(this, `${fn.name}-stream`, {
        config,
        service: PURCHASE_SERVICE,
        name: fn.name,
        fn: fn.fn,
        source: { table },
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: DYNAMODB_STREAM_RETRIES,
      });
    this.workers = [
      feed(fns.linkChanges, stateful.tables.userSubscriptions),
      feed(fns.subscriptionChanges, stateful.tables.subscriptions),
    ];

    this.scheduleDeadLetters = new sqs.Queue(this, "ScheduleDeadLetters", {
      queueName: purchaseServiceName(config, "schedules-dlq"),
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.schedulerRole = new iam.Role(this, "SchedulerRole", {
      assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": config.account } },
      }),
      description: `${purchaseServiceName(config, "schedules")}: invokes the three scheduled functions only`,
    });
    const scheduled = (fn: RosterFunction, expression: string, description: string) => {
      // A run that failed is not run again at once: the next one covers it (a day already exported is skipped).
      fn.fn.configureAsyncInvoke({
        retryAttempts: 0,
        maxEventAge: Duration.hours(1),
        onFailure: new destinations.SqsDestination(this.scheduleDeadLetters),
      });
      return new scheduler.Schedule(this, `${fn.name}-schedule`, {
        scheduleName: purchaseServiceName(config, fn.name),
        description,
        schedule: scheduler.ScheduleExpression.expression(expression, TimeZone.ETC_UTC),
        target: new targets.LambdaInvoke(fn.fn, {
          role: this.schedulerRole,
          retryAttempts: SCHEDULE_RETRIES,
          maxEventAge: Duration.hours(1),
          deadLetterQueue: this.scheduleDeadLetters,
        }),
      });
    };
    this.schedules = [
      scheduled(
        fns.revalidation,
        SCHEDULES.revalidation,
        "Revalidates a 24th of the expiry window every 15 minutes",
      ),
      scheduled(fns.replay, SCHEDULES.replay, "Replays Apple's failed notifications daily at 01:30 UTC"),
      scheduled(fns.export, SCHEDULES.export, "Exports the day before daily at 00:03 UTC"),
    ];

    this.deadLetterQueues = [
      { name: "fetch-dlq", queue: stateful.fetchDeadLetters, kind: "queue", source: stateful.fetchQueue },
      {
        name: "soft-opt-ins-dlq",
        queue: stateful.softOptInDeadLetters,
        kind: "queue",
        source: stateful.softOptIns,
      },
      {
        name: "snapshots-dlq",
        queue: stateful.snapshotDeadLetters,
        kind: "queue",
        source: stateful.snapshots,
      },
      // EventBridge Scheduler's and the scheduled functions' failures: no queue to send them back to.
      { name: "schedules-dlq", queue: this.scheduleDeadLetters, kind: "queue" },
      ...this.workers.map((w) => w.deadLetterQueue),
    ];
    this.alarms = new Alarms(this, "Alarms", {
      config,
      service: PURCHASE_SERVICE,
      apis: [
        { name: "api", resource: this.apis.internal },
        { name: "public-api", resource: this.apis.public },
      ],
      functions: fns.all().map((f) => ({ name: f.name, resource: f.fn })),
      streamConsumers: this.workers.map((w) => ({ name: w.name, resource: w.fn })),
      deadLetterQueues: this.deadLetterQueues.map(({ name, queue }) => ({ name, resource: queue })),
    });
  }
}
