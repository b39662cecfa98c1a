/**
 * REST APIs as Roster's services build them: regional, access logs as JSON in a log group with a
 * retention, execution logs for errors only (never request data), metrics on; and the account-wide
 * logging role those logs need. `id`s are the caller's, so a construct keeps its logical ids.
 */
import { RemovalPolicy, Validations } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import type { StageConfig } from "./stage.config.ts";

export function loggedRestApi(
  scope: Construct,
  id: string,
  config: StageConfig,
  name: string,
  description: string,
): apigateway.RestApi {
  const accessLogs = new logs.LogGroup(scope, `${id}AccessLogs`, {
    retention: config.production ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  return new apigateway.RestApi(scope, id, {
    restApiName: name,
    description,
    endpointTypes: [apigateway.EndpointType.REGIONAL],
    cloudWatchRole: false,
    deployOptions: {
      stageName: config.stage,
      accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
      // The path holds user ids, never query strings: `jsonWithStandardFields` logs no query.
      accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
      loggingLevel: apigateway.MethodLoggingLevel.ERROR,
      dataTraceEnabled: false,
      metricsEnabled: true,
    },
  });
}

/**
 * API Gateway writes its logs with the account's CloudWatch role (one setting per account and region).
 * Retained on delete: another stage or service in the account relies on the setting. Each service whose
 * stack has an API sets it (it deploys on its own, in any order); every such role has the same AWS
 * policy, so whichever stack set it last, the setting names a role that works.
 */
export function apiGatewayAccountLogging(scope: Construct): apigateway.CfnAccount {
  const role = new iam.Role(scope, "CloudWatchRole", {
    assumedBy: new iam.ServicePrincipal("apigateway.amazonaws.com"),
    managedPolicies: [
      iam.ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonAPIGatewayPushToCloudWatchLogs"),
    ],
  });
  role.applyRemovalPolicy(RemovalPolicy.RETAIN);
  Validations.of(role).acknowledge({
    id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]",
    reason:
      "API Gateway's own policy for its account-wide logging role: it writes to log groups API Gateway names.",
  });
  const account = new apigateway.CfnAccount(scope, "Account", { cloudWatchRoleArn: role.roleArn });
  account.applyRemovalPolicy(RemovalPolicy.RETAIN);
  return account;
}
