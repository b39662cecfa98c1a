/**
 * cdk-nag (AwsSolutionsChecks) findings of the Purchases service's stacks that remain by design, each
 * acknowledged on the one resource it concerns with the reason (the two APIs' are in api.construct.ts, the
 * change feeds' failure queues in shared/stream-worker).
 */
import { type CfnElement, Stack } from "aws-cdk-lib";
import { acknowledge } from "../shared/nag.helpers.ts";
import type { RosterFunction } from "../shared/roster-function.construct.ts";
import type { PurchasesStatefulStack } from "./stateful.stack.ts";
import type { PurchasesStatelessStack } from "./stateless.stack.ts";

export function applyPurchasesNag(
  stateful: PurchasesStatefulStack,
  stateless: PurchasesStatelessStack,
): void {
  for (const queue of [
    stateful.fetchDeadLetters,
    stateful.softOptInDeadLetters,
    stateful.snapshotDeadLetters,
  ]) {
    acknowledge(
      queue,
      "AwsSolutions-SQS3",
      "This queue is itself the dead-letter queue of the queue named like it.",
    );
  }
  acknowledge(
    stateless.scheduleDeadLetters,
    "AwsSolutions-SQS3",
    "This queue is itself a dead-letter destination: of the three schedules and of their asynchronous runs.",
  );
  for (const secret of [stateful.appStoreKey, stateful.googleServiceAccount, stateful.brazeKey]) {
    if (!secret) continue;
    acknowledge(
      secret,
      "AwsSolutions-SMG4",
      "A vendor's key (App Store Connect, Google Cloud, Braze) is issued and revoked at the vendor: no Secrets Manager rotation function can mint one; the operator puts a new one (infra/README.md).",
    );
  }
  if (stateful.ownBucket) {
    acknowledge(
      stateful.ownBucket,
      "AwsSolutions-S1",
      "Exports and snapshots: only the service's own roles are granted on the bucket, which admits no public access; access is audited with CloudTrail data events at the account level rather than a second bucket of access logs per service.",
    );
  }
  const fns = stateless.functions;
  for (const worker of [fns.linkChanges, fns.subscriptionChanges]) {
    acknowledge(
      worker.role,
      "AwsSolutions-IAM5[Resource::*]",
      "dynamodb:ListStreams, which the DynamoDB Streams event source mapping needs, takes no resource; reading the stream itself is granted on its table's stream ARN only.",
    );
  }
  for (const fn of [fns.revalidation, fns.replay, fns.export]) invokes(stateless, fn);
  const objects = (fn: RosterFunction, prefix: string, what: string) =>
    acknowledge(
      fn.role,
      `AwsSolutions-IAM5[Resource::${stateful.exportObjects(prefix).asNagReads}]`,
      `The function writes ${what} under ${prefix} (put if absent, a read to see whether it is there): the wildcard is the date and the document.`,
    );
  objects(fns.snapshotWorker, "purchases/snapshots/*", "each subscription change's snapshot");
  objects(fns.export, "purchases/exports/*", "the day's export documents and manifest");
}

function invokes(stateless: PurchasesStatelessStack, fn: RosterFunction): void {
  const id = Stack.of(fn.fn).getLogicalId(fn.fn.node.defaultChild as CfnElement);
  acknowledge(
    stateless.schedulerRole,
    `AwsSolutions-IAM5[Resource::<${id}.Arn>:*]`,
    `EventBridge Scheduler's Lambda target grants lambda:InvokeFunction on the ${fn.name} function and its versions (\`:*\`); it invokes nothing else.`,
  );
}
