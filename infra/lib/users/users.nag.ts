/**
 * cdk-nag (AwsSolutionsChecks) findings that remain by design, each acknowledged on the one resource it
 * concerns with the reason. Findings inherent to a construct are acknowledged where it is built
 * (shared/roster-function, shared/stream-worker, apis); these depend on the stage or span constructs.
 */
import { type CfnElement, Stack } from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import type { ApiRegistry } from "../shared/apis.registry.ts";
import { acknowledge } from "../shared/nag.helpers.ts";
import { partitionOf } from "../shared/stage.config.ts";
import { executeApiArn, type InternalApiName } from "./internal-apis.iam.ts";
import type { UsersStatefulStack } from "./stateful.stack.ts";
import type { UsersStatelessStack } from "./stateless.stack.ts";
import { PAYMENT_ROUTES, SUBSCRIPTION_ROUTES, USER_SERVICE } from "./user-service.names.ts";
import type { UsersConfig } from "./users.settings.ts";

export function applyNagSuppressions(
  apis: ApiRegistry,
  config: UsersConfig,
  stateful: UsersStatefulStack,
  stateless: UsersStatelessStack,
): void {
  const { database } = stateful;
  for (const instance of [database.instance, ...(database.replica ? [database.replica] : [])]) {
    acknowledge(
      instance,
      "AwsSolutions-RDS11",
      "A non-default port hides nothing here: the instances are in isolated subnets and their security groups admit only RDS Proxy and the secret's rotation function (the primary) or the functions' security group (the replica).",
    );
  }
  if (!config.production) {
    acknowledge(
      database.instance,
      "AwsSolutions-RDS3",
      "Not a production stage: one zone keeps its cost down.",
    );
    acknowledge(
      database.instance,
      "AwsSolutions-RDS10",
      "Not a production stage: it may be torn down; the instance is still retained when its stack is deleted.",
    );
  }
  if (database.replica) {
    const replica = database.replica;
    acknowledge(
      replica,
      "AwsSolutions-RDS2",
      "A read replica is encrypted as its (encrypted) source is; CloudFormation refuses StorageEncrypted on it.",
    );
    acknowledge(
      replica,
      "AwsSolutions-RDS3",
      "A read replica for operator search: if its zone fails, search waits for it; no data is lost (the primary is Multi-AZ).",
    );
    acknowledge(
      replica,
      "AwsSolutions-RDS10",
      "A read replica holds nothing its primary lacks and is recreated from it.",
    );
  }

  const fns = stateless.functions;
  for (const worker of [fns.kinesisFeeder, fns.usermodelProjector]) {
    acknowledge(
      worker.role,
      "AwsSolutions-IAM5[Resource::*]",
      "dynamodb:ListStreams, which the DynamoDB Streams event source mapping needs, takes no resource; reading the stream itself is granted on the users table's stream ARN only.",
    );
  }
  const internalServices = (role: IConstruct, apis: InternalApiName[]) => {
    for (const api of apis) {
      acknowledge(
        role,
        `AwsSolutions-IAM5[Resource::${executeApiArn(config, api)}]`,
        `The ${api} client calls several routes of that service, with user ids in their paths; the grant names the service's API and stage.`,
      );
    }
  };
  internalServices(fns.api.role, ["transactions", "float", "underwriting"]);
  internalServices(fns.cleanupWorker.role, ["transactions"]);
  // The Payment and Subscription Services' APIs are other stacks' (or the stage's imports), known once registered.
  apis.whenRegistered("payments", USER_SERVICE, (api) => {
    for (const [method, path] of PAYMENT_ROUTES) {
      acknowledge(
        fns.paymentRoutes,
        `AwsSolutions-IAM5[Resource::${api.executeApiArnAsNagReads(method, path)}]`,
        `One of the three Payment Service routes the User Service's client calls, ${method} ${path}: the wildcard is the user or charge id in the path.`,
      );
    }
  });
  apis.whenRegistered("subscriptions", USER_SERVICE, (api) => {
    for (const [method, path] of SUBSCRIPTION_ROUTES) {
      acknowledge(
        fns.subscriptionRoutes,
        `AwsSolutions-IAM5[Resource::${api.executeApiArnAsNagReads(method, path)}]`,
        `One of the Subscription Service routes the User Service's client calls, ${method} ${path}: the wildcard is the user id in the path.`,
      );
    }
  });
  const internalApi = Stack.of(stateless).getLogicalId(
    stateless.apis.internal.node.defaultChild as CfnElement,
  );
  acknowledge(
    fns.paymentWorker.role,
    `AwsSolutions-IAM5[Resource::arn:${partitionOf(config.region)}:execute-api:${config.region}:${config.account}:<${internalApi}>/${config.stage}/POST/*/user/ban]`,
    "The one route the payment worker calls, POST /{user_id}/user/ban: the wildcard is the user id.",
  );
}
