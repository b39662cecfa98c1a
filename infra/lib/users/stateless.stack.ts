/**
 * The code: one function per entry point, the two REST APIs, the event source mappings with their
 * on-failure queues, the migration trigger and the alarms. Replaceable at will: it holds no data
 * (the on-failure queues aside, which only hold pointers to records still in their streams).
 */
import { Stack, type StackProps } from "aws-cdk-lib";
import * as sources from "aws-cdk-lib/aws-lambda-event-sources";
import * as sqs from "aws-cdk-lib/aws-sqs";
import * as triggers from "aws-cdk-lib/triggers";
import type { Construct } from "constructs";
import { Alarms } from "../shared/alarms.construct.ts";
import type { DeadLetterQueue } from "../shared/dead-letters.registry.ts";
import { DYNAMODB_STREAM_RETRIES, QUEUE_BATCH_SIZE, STREAM_RETRIES } from "../shared/lambda.limits.ts";
import type { RosterFunction } from "../shared/roster-function.construct.ts";
import { StreamWorker, type StreamWorkerProps } from "../shared/stream-worker.construct.ts";
import { Apis } from "./apis.construct.ts";
import { type CalledApi, UserServiceFunctions } from "./functions.construct.ts";
import type { UsersStatefulStack } from "./stateful.stack.ts";
import { USER_SERVICE } from "./user-service.names.ts";
import { MIGRATE_TIMEOUT } from "./users.limits.ts";
import type { UsersConfig } from "./users.settings.ts";

export interface UsersStatelessStackProps extends StackProps {
  readonly config: UsersConfig;
  readonly stateful: UsersStatefulStack;
  /** The directory of `npm run build`'s bundles (context `bundleDir`, default `dist`). */
  readonly bundleDir: string;
  /** The API function's role name, known before the role exists to the services it calls. */
  readonly apiRoleName: string;
  readonly paymentApi: CalledApi;
  readonly subscriptionApi: CalledApi;
  /** The callers other services admitted to the internal API (shared/apis.registry.ts), read at synth. */
  readonly callers: () => Readonly<Record<string, string>>;
  /** The Purchases service's soft opt-in queue, by ARN (shared/queues.registry.ts). */
  readonly softOptInQueueArn: string;
}

export class UsersStatelessStack extends Stack {
  readonly functions: UserServiceFunctions;
  readonly apis: Apis;
  readonly workers: StreamWorker[];
  /** Its dead-letter and on-failure queues: its alarms' and the stage's registry (the console's page). */
  readonly deadLetterQueues: DeadLetterQueue[];
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: UsersStatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    const fns = new UserServiceFunctions(this, "Functions", {
      config,
      bundleDir: props.bundleDir,
      stateful,
      apiRoleName: props.apiRoleName,
      paymentApi: props.paymentApi,
      subscriptionApi: props.subscriptionApi,
      callers: props.callers,
    });
    this.functions = fns;
    this.apis = new Apis(this, "Apis", { config, handler: fns.api.fn, authorizer: fns.auth0Authorizer.fn });
    fns.allowBan(this.apis.internal, config.stage);

    // Failure rules as the workers implement them (src/users/README.md, "Event-driven flows").
    const worker = (
      name: string,
      fn: RosterFunction,
      rest: Omit<StreamWorkerProps, "config" | "service" | "name" | "fn">,
    ) =>
      new StreamWorker(this, `${name}-stream`, { config, service: USER_SERVICE, name, fn: fn.fn, ...rest });
    this.workers = [
      worker("payment-worker", fns.paymentWorker, {
        source: { kinesis: stateful.paymentsStream },
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: STREAM_RETRIES,
      }),
      // A failed record fails the whole batch (seed 004): bisecting isolates it, no item failures exist.
      worker("subscriptions", fns.subscriptionsWorker, {
        source: { kinesis: stateful.subscriptionsStream },
        reportBatchItemFailures: false,
        bisectBatchOnError: true,
        retryAttempts: STREAM_RETRIES,
      }),
      // The feeder logs a bad record and goes on; it throws only when Kinesis refuses the batch. Bisecting
      // isolates a record Kinesis keeps refusing, so only it is given up, not the 99 changes beside it
      // (repeats are harmless: event ids are deterministic).
      worker("kinesis-feeder", fns.kinesisFeeder, {
        source: { table: stateful.usersTable },
        reportBatchItemFailures: false,
        bisectBatchOnError: true,
        retryAttempts: DYNAMODB_STREAM_RETRIES,
      }),
      worker("usermodel-projector", fns.usermodelProjector, {
        source: { table: stateful.usersTable },
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: DYNAMODB_STREAM_RETRIES,
      }),
    ];
    // Failed messages reappear after the visibility timeout; the queue's redrive policy dead-letters them.
    fns.cleanupWorker.fn.addEventSource(
      new sources.SqsEventSource(stateful.cleanupQueue, {
        batchSize: QUEUE_BATCH_SIZE,
        reportBatchItemFailures: true,
      }),
    );

    // The Purchases service's queue (its redrive policy and dead-letter queue are its owner's).
    const softOptIns = sqs.Queue.fromQueueArn(this, "SoftOptInQueue", props.softOptInQueueArn);
    fns.softOptInWorker.fn.addEventSource(
      new sources.SqsEventSource(softOptIns, { batchSize: QUEUE_BATCH_SIZE, reportBatchItemFailures: true }),
    );

    // Once per deployment that changes the migration bundle, after the database stack is in place.
    new triggers.Trigger(this, "MigrateUsermodel", {
      handler: fns.migrate.fn,
      timeout: MIGRATE_TIMEOUT,
      invocationType: triggers.InvocationType.REQUEST_RESPONSE,
      executeOnHandlerChange: true,
    });

    this.deadLetterQueues = [
      {
        name: "cleanup-dlq",
        queue: stateful.cleanupDeadLetters,
        kind: "queue",
        source: stateful.cleanupQueue,
      },
      ...this.workers.map((w) => w.deadLetterQueue),
    ];
    this.alarms = new Alarms(this, "Alarms", {
      config,
      service: USER_SERVICE,
      apis: [
        { name: "api", resource: this.apis.internal },
        { name: "legacy-api", resource: this.apis.legacy },
      ],
      functions: fns.all().map((f) => ({ name: f.name, resource: f.fn })),
      streamConsumers: this.workers.map((w) => ({ name: w.name, resource: w.fn })),
      deadLetterQueues: this.deadLetterQueues.map(({ name, queue }) => ({ name, resource: queue })),
    });
  }
}
