/**
 * cdk-nag (AwsSolutionsChecks) findings of the Payment Service's stacks that remain by design, each
 * acknowledged on the one resource it concerns with the reason (the API's are in api.construct.ts, the
 * functions' VPC policy in shared/roster-function).
 */
import { type CfnElement, Stack } from "aws-cdk-lib";
import { acknowledge } from "../shared/nag.helpers.ts";
import type { PaymentsConfig } from "./payments.settings.ts";
import type { PaymentsStatefulStack } from "./stateful.stack.ts";
import type { PaymentsStatelessStack } from "./stateless.stack.ts";

export function applyPaymentsNag(
  config: PaymentsConfig,
  stateful: PaymentsStatefulStack,
  stateless: PaymentsStatelessStack,
): void {
  acknowledge(
    stateless.relayDeadLetters,
    "AwsSolutions-SQS3",
    "This queue is itself a dead-letter destination: of the relay's schedule and of its function's asynchronous runs.",
  );
  const relay = stateless.functions.outboxRelay.fn;
  const relayId = Stack.of(relay).getLogicalId(relay.node.defaultChild as CfnElement);
  acknowledge(
    stateless.schedulerRole,
    `AwsSolutions-IAM5[Resource::<${relayId}.Arn>:*]`,
    "EventBridge Scheduler's Lambda target grants lambda:InvokeFunction on the relay function and its versions (`:*`); it invokes nothing else.",
  );
  const { instance } = stateful.database;
  acknowledge(
    instance,
    "AwsSolutions-RDS11",
    "A non-default port hides nothing here: the instance is in isolated subnets and its security group admits only RDS Proxy and the secret's rotation function.",
  );
  if (!config.production) {
    acknowledge(instance, "AwsSolutions-RDS3", "Not a production stage: one zone keeps its cost down.");
    acknowledge(
      instance,
      "AwsSolutions-RDS10",
      "Not a production stage: it may be torn down; the instance is still retained when its stack is deleted.",
    );
  }
}
