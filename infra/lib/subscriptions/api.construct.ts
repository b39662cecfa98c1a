/**
 * The Subscription Service's REST API (`{stage}-subscription-service-api`) in front of its API
 * function: IAM authorization on every route, the root's and the greedy proxy's (the app maps the
 * caller's ARN to a principal, IAM_PRINCIPALS). No route is public.
 */
import { CfnOutput, Validations } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";
import { apiGatewayAccountLogging, loggedRestApi } from "../shared/rest-api.ts";
import type { StageConfig } from "../shared/stage.config.ts";
import { subscriptionServiceName } from "./subscription-service.names.ts";

export class SubscriptionsApi extends Construct {
  readonly api: apigateway.RestApi;
  /** The export holding the API's id (`{stage}-subscription-service-api-id`): what callers' grants import. */
  readonly apiIdExport: string;

  constructor(scope: Construct, id: string, props: { config: StageConfig; handler: lambda.IFunction }) {
    super(scope, id);
    const { config } = props;
    const logging = apiGatewayAccountLogging(this);
    const integration = new apigateway.LambdaIntegration(props.handler);
    const iam = { authorizationType: apigateway.AuthorizationType.IAM };

    this.api = loggedRestApi(
      this,
      "Api",
      config,
      subscriptionServiceName(config, "api"),
      "Subscription Service API (IAM)",
    );
    this.api.deploymentStage.node.addDependency(logging);
    this.api.root.addMethod("ANY", integration, iam);
    this.api.root.addProxy({ anyMethod: true, defaultIntegration: integration, defaultMethodOptions: iam });

    this.apiIdExport = subscriptionServiceName(config, "api-id");
    new CfnOutput(this, "ApiId", { value: this.api.restApiId, exportName: this.apiIdExport });
    new CfnOutput(this, "Url", {
      value: this.api.url,
      description: "The Subscription Service API's invoke URL",
    });

    Validations.of(this.api).acknowledge(
      {
        id: "AwsSolutions-APIG2",
        reason:
          "The app validates every request with the zod schemas that also write its OpenAPI document and answers RFC 9457 problems naming the field; a gateway validator would answer in another format.",
      },
      {
        id: "AwsSolutions-APIG3",
        reason:
          "Every route admits only signed IAM callers (the User Service, operators); a WAF web ACL belongs at the team's edge.",
      },
      {
        id: "AwsSolutions-COG4",
        reason: "Identity is IAM (other services' and operators' roles), not Cognito.",
      },
    );
  }
}
