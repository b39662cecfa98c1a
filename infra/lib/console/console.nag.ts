/**
 * cdk-nag (AwsSolutionsChecks) findings of the console's stacks that remain by design, each
 * acknowledged on the one resource it concerns with the reason.
 */
import { type CfnElement, Stack } from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import type { ApiRegistry } from "../shared/apis.registry.ts";
import { acknowledge } from "../shared/nag.helpers.ts";
import { CONSOLE_SERVICE } from "./console.names.ts";
import type { ConsoleConfig } from "./console.settings.ts";
import { OPERATOR_ROLE_NAMES, OPERATOR_ROUTES } from "./operator-routes.ts";
import type { ConsoleStatefulStack } from "./stateful.stack.ts";
import type { ConsoleStatelessStack } from "./stateless.stack.ts";

export function applyConsoleNag(
  apis: ApiRegistry,
  config: ConsoleConfig,
  stateful: ConsoleStatefulStack,
  stateless: ConsoleStatelessStack,
): void {
  acknowledgeRoutes(apis, stateless);
  acknowledge(
    stateful.auth0Secret,
    "AwsSolutions-SMG4",
    "Auth0 issues and revokes the application's client secret; no rotation function can mint one. Rotate it in Auth0, put the new value here, and redeploy (it is read at cold start).",
  );
  acknowledge(
    stateful.originSecret,
    "AwsSolutions-SMG4",
    "CloudFront reads this secret when the distribution deploys (a dynamic reference), so a rotation must be a deploy: put a new random value and deploy the stateless stack; the function URL refuses every request without it.",
  );
  const { edge } = stateless;
  acknowledge(
    edge.bucket,
    "AwsSolutions-S1",
    "Only the console's public build output (a stylesheet, htmx, Pico CSS), read by CloudFront alone through its origin access control; operators' requests are logged by the console's Lambda and their actions kept in the audit trail.",
  );
  acknowledge(
    edge.distribution,
    "AwsSolutions-CFR1",
    "Operators work from anywhere; every page but the sign-in needs a session of the identity provider's operators, and their console role.",
  );
  acknowledge(
    edge.distribution,
    "AwsSolutions-CFR2",
    "A WAF web ACL belongs at the team's edge (as for the services' APIs); the origin admits only CloudFront's secret header and every change needs a session and its CSRF token.",
  );
  acknowledge(
    edge.distribution,
    "AwsSolutions-CFR3",
    "The console's Lambda logs every request it serves (path, status, request id; structured JSON in CloudWatch) and the audit trail keeps every action with its operator; the assets need no access log.",
  );
  if (!config.console.certificateArn)
    acknowledge(
      edge.distribution,
      "AwsSolutions-CFR4",
      "Without console.certificateArn the distribution serves CloudFront's own *.cloudfront.net certificate, whose minimum protocol cannot be chosen; with an alias and its certificate it requires TLSv1.2_2021.",
    );
  const stack = Stack.of(edge.deployment);
  acknowledgeBucketDeployment(stack, stack.getLogicalId(edge.bucket.node.defaultChild as CfnElement));
}

function acknowledgeRoutes(apis: ApiRegistry, stateless: ConsoleStatelessStack): void {
  for (const role of OPERATOR_ROLE_NAMES) {
    for (const route of OPERATOR_ROUTES[role]) {
      apis.whenRegistered(route.api, CONSOLE_SERVICE, (api) => {
        acknowledge(
          stateless.operatorRoles.roles[role],
          `AwsSolutions-IAM5[Resource::${api.executeApiArnAsNagReads(route.method, route.path)}]`,
          route.path === "/*"
            ? `The ${role} operators read every member's records on the ${route.api} API: GET on any path, and no other method.`
            : `One route of a console action the ${role} operators may take on the ${route.api} API, ${route.method} ${route.path}: the wildcards are the member's (or charge's, subscription's, tag's) ids.`,
        );
      });
    }
  }
}

/** What CDK grants its BucketDeployment handler, as cdk-nag names each wildcard. */
const BUCKET_DEPLOYMENT_WILDCARDS = (stack: Stack, bucketId: string) => [
  ...["s3:GetBucket*", "s3:GetObject*", "s3:List*", "s3:Abort*", "s3:DeleteObject*"].map(
    (a) => `Action::${a}`,
  ),
  `Resource::arn:aws:s3:::cdk-hnb659fds-assets-${stack.account}-${stack.region}/*`,
  `Resource::<${bucketId}.Arn>/*`,
  "Resource::*",
];

/** CDK's BucketDeployment handler, one per stack and memory size, a child of the stack itself. */
function acknowledgeBucketDeployment(stack: Stack, bucketId: string): void {
  const handlers: IConstruct[] = stack.node.children.filter((child) =>
    child.node.id.startsWith("Custom::CDKBucketDeployment"),
  );
  for (const handler of handlers) {
    acknowledge(
      handler,
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      "CDK's BucketDeployment handler writes its own logs with Lambda's basic execution policy; it runs only during a deployment.",
    );
    for (const finding of BUCKET_DEPLOYMENT_WILDCARDS(stack, bucketId))
      acknowledge(
        handler,
        `AwsSolutions-IAM5[${finding}]`,
        "CDK's BucketDeployment handler copies the staged assets (the bootstrap bucket's objects) into the assets bucket (s3:GetObject*, GetBucket*, List*, DeleteObject*, Abort* on its objects) and invalidates the distribution's copies (cloudfront:CreateInvalidation, which it grants on `*`); it runs only during a deployment.",
      );
    acknowledge(
      handler,
      "AwsSolutions-L1",
      "CDK's BucketDeployment handler runs on the runtime its version of aws-cdk-lib ships with (it bundles the AWS CLI layer for that runtime); upgrading aws-cdk-lib upgrades it.",
    );
  }
}
