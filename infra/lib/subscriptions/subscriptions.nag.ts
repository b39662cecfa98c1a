/**
 * cdk-nag (AwsSolutionsChecks) findings of the Subscription Service's stacks that remain by design,
 * each acknowledged on the one resource it concerns with the reason (the API's are in
 * api.construct.ts, the functions' VPC policy in shared/roster-function, the workers' failure queues
 * in shared/stream-worker).
 */
import { type CfnElement, Stack } from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import type { ApiRegistry } from "../shared/apis.registry.ts";
import { acknowledge } from "../shared/nag.helpers.ts";
import type { RosterFunction } from "../shared/roster-function.construct.ts";
import type { SubscriptionsBillingStack } from "./billing.stack.ts";
import type { SubscriptionsStatefulStack } from "./stateful.stack.ts";
import type { SubscriptionsStatelessStack } from "./stateless.stack.ts";
import { PAYMENT_ROUTES, SUBSCRIPTION_SERVICE, USER_ROUTES } from "./subscription-service.names.ts";
import type { SubscriptionsConfig } from "./subscriptions.settings.ts";

export function applySubscriptionsNag(
  apis: ApiRegistry,
  config: SubscriptionsConfig,
  stateful: SubscriptionsStatefulStack,
  stateless: SubscriptionsStatelessStack,
  billing: SubscriptionsBillingStack,
): void {
  acknowledge(
    stateless.scheduleDeadLetters,
    "AwsSolutions-SQS3",
    "This queue is itself a dead-letter destination: of the relay's schedule and of the relay's asynchronous runs.",
  );
  acknowledge(
    billing.deadLetters,
    "AwsSolutions-SQS3",
    "This queue is itself a dead-letter destination: of the billing run's schedule and of its asynchronous runs.",
  );
  const fns = stateless.functions;
  const invokes = (role: IConstruct, fn: RosterFunction) => {
    const id = Stack.of(fn.fn).getLogicalId(fn.fn.node.defaultChild as CfnElement);
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::<${id}.Arn>:*]`,
      `EventBridge Scheduler's Lambda target grants lambda:InvokeFunction on the ${fn.name} function and its versions (\`:*\`); it invokes nothing else.`,
    );
  };
  invokes(stateless.schedulerRole, fns.outboxRelay);
  invokes(billing.schedulerRole, billing.billingRun);
  const routes = { payments: PAYMENT_ROUTES, users: USER_ROUTES } as const;
  for (const name of ["payments", "users"] as const) {
    apis.whenRegistered(name, SUBSCRIPTION_SERVICE, (api) => {
      for (const [method, path] of routes[name]) {
        acknowledge(
          billing.internalRoutes,
          `AwsSolutions-IAM5[Resource::${api.executeApiArnAsNagReads(method, path)}]`,
          `One of the ${name} API's routes the billing run calls, ${method} ${path}: the wildcard is the user id in the path.`,
        );
      }
    });
  }
  acknowledge(
    fns.outboxRelay.role,
    `AwsSolutions-IAM5[Resource::${stateful.documentObjects("subscriptions/*").asNagReads}]`,
    "The relay writes each subscription's receipts and plan snapshot under subscriptions/<id>/ (put if absent, a read to compare a conflicting one): the wildcard is the subscription and the document.",
  );
  acknowledge(
    stateful.documents,
    "AwsSolutions-S1",
    "Receipts and plan snapshots: only the service's own roles are ever granted on the bucket, which admits no public access; access is audited with CloudTrail data events at the account level rather than a second bucket of access logs per service.",
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
