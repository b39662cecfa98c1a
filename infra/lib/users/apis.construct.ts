/**
 * The two REST APIs of seed 000, both in front of the one API function:
 * - internal (`{stage}-user-service-api`): every route, IAM authorization; the app maps the caller's
 *   ARN to a principal (IAM_PRINCIPALS).
 * - legacy (`{stage}-user-service-legacy-api`): only `POST /users/create`, behind a TOKEN authorizer that
 *   verifies the Auth0 JWT (the app verifies it again and checks MFA).
 * Both log access as JSON and errors per method; the app validates requests itself (zod, RFC 9457).
 */
import { CfnOutput, Duration, Validations } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";
import { apiGatewayAccountLogging, loggedRestApi } from "../shared/rest-api.ts";
import type { StageConfig } from "../shared/stage.config.ts";
import { userServiceName } from "./user-service.names.ts";

export interface ApisProps {
  readonly config: StageConfig;
  readonly handler: lambda.IFunction;
  readonly authorizer: lambda.IFunction;
}

export class Apis extends Construct {
  readonly internal: apigateway.RestApi;
  readonly legacy: apigateway.RestApi;
  /** The export holding the internal API's id (`{stage}-user-service-api-id`): what callers' grants import. */
  readonly internalApiIdExport: string;

  constructor(scope: Construct, id: string, props: ApisProps) {
    super(scope, id);
    const { config } = props;
    const logging = apiGatewayAccountLogging(this);
    const integration = new apigateway.LambdaIntegration(props.handler);

    this.internal = loggedRestApi(
      this,
      "Internal",
      config,
      userServiceName(config, "api"),
      "User Service API (IAM)",
    );
    this.internal.root.addMethod("ANY", integration, { authorizationType: apigateway.AuthorizationType.IAM });
    this.internal.root.addProxy({
      anyMethod: true,
      defaultIntegration: integration,
      defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
    });

    this.internalApiIdExport = userServiceName(config, "api-id");
    new CfnOutput(this, "InternalApiId", {
      value: this.internal.restApiId,
      exportName: this.internalApiIdExport,
    });

    this.legacy = loggedRestApi(
      this,
      "Legacy",
      config,
      userServiceName(config, "legacy-api"),
      "Sign-up (Auth0 JWT)",
    );
    const auth0 = new apigateway.TokenAuthorizer(this, "Auth0Authorizer", {
      authorizerName: "auth0-jwt",
      handler: props.authorizer,
      identitySource: apigateway.IdentitySource.header("Authorization"),
      validationRegex: "^Bearer [-0-9A-Za-z_.~+/]+=*$",
      // As long as the app's own verified-token cache keeps a verified token (ARCHITECTURE.md, "Platform pieces": identity).
      resultsCacheTtl: Duration.minutes(5),
    });
    this.legacy.root.addResource("users").addResource("create").addMethod("POST", integration, {
      authorizer: auth0,
      authorizationType: apigateway.AuthorizationType.CUSTOM,
    });

    for (const api of [this.internal, this.legacy]) {
      api.deploymentStage.node.addDependency(logging);
      Validations.of(api).acknowledge(
        {
          id: "AwsSolutions-APIG2",
          reason:
            "The app validates every request with the zod schemas that also write its OpenAPI document and answers RFC 9457 problems naming the field; a gateway validator would answer in another format.",
        },
        {
          id: "AwsSolutions-APIG3",
          reason:
            "No public web traffic reaches these APIs directly: the internal one admits only signed IAM callers, and the legacy sign-up sits behind the team's own edge, where a WAF web ACL belongs.",
        },
        {
          id: "AwsSolutions-COG4",
          reason: "Identity is Auth0 (a Lambda TOKEN authorizer) and IAM, not Cognito (seed 000).",
        },
      );
    }
  }
}
