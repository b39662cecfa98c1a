/**
 * What the console's dead-letters page needs of the stage's dead-letter queues (the registry's, once
 * every service registered its own): their names in CONSOLE_DEAD_LETTER_QUEUES (parsed by
 * src/console/wiring/config/console-aws.config.ts) and IAM rights on exactly them: peeking every one,
 * and moving the messages of a queue's dead-letter queue back to its source (SQS's redrive reads and
 * deletes them on the DLQ in the caller's name and sends them to the source). Every queue is encrypted
 * with SQS's own key (SSE-SQS), so no KMS grant.
 */
import { Fn, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type { RegisteredDeadLetterQueue } from "../shared/dead-letters.registry.ts";

export const PEEK_ACTIONS = ["sqs:GetQueueAttributes", "sqs:ReceiveMessage"];
export const REDRIVE_ACTIONS = ["sqs:DeleteMessage", "sqs:ListMessageMoveTasks", "sqs:StartMessageMoveTask"];
export const REDRIVE_DESTINATION_ACTIONS = ["sqs:SendMessage"];

/** `arn:…:sqs:<region>:<account>:<name>` names `<name>` (resolved at deploy time: an export of its stack). */
const queueName = (arn: string) => Fn.select(5, Fn.split(":", arn));

export function grantDeadLetterQueues(
  fn: lambda.Function,
  role: iam.IRole,
  registered: readonly RegisteredDeadLetterQueue[],
): void {
  const stack = Stack.of(fn);
  // By service and name: the same template whatever the order of the services (services.ts).
  const queues = [...registered].sort(
    (a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name),
  );
  const redrivable = queues.filter((queue) => queue.kind === "queue" && queue.source !== undefined);
  fn.addEnvironment(
    "CONSOLE_DEAD_LETTER_QUEUES",
    stack.toJsonString({
      arnPrefix: `arn:${stack.partition}:sqs:${stack.region}:${stack.account}:`,
      urlPrefix: `https://sqs.${stack.region}.${stack.urlSuffix}/${stack.account}/`,
      queues: queues.map(({ queue, kind, source }) => ({
        name: queueName(queue.queueArn),
        kind,
        ...(kind === "queue" && source ? { source: queueName(source.queueArn) } : {}),
      })),
    }),
  );
  if (queues.length === 0) return;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: PEEK_ACTIONS, resources: queues.map(({ queue }) => queue.queueArn) }),
  );
  if (redrivable.length === 0) return;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: REDRIVE_ACTIONS,
      resources: redrivable.map(({ queue }) => queue.queueArn),
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: REDRIVE_DESTINATION_ACTIONS,
      resources: redrivable.flatMap(({ source }) => (source ? [source.queueArn] : [])),
    }),
  );
}
