/**
 * The Purchases service's REST API (`{stage}-purchase-service-api`) in front of its API function:
 * - the stores' pushes (`POST /apple/pubsub`, `POST /google/pubsub`) admit anyone at the gateway: the
 *   app verifies Apple's JWS chain and Google's OIDC token, the stores' own credentials;
 * - the users' routes (linking, the account token, a user's subscriptions and access) sit behind a
 *   TOKEN authorizer that verifies the Auth0 JWT (the app verifies it again, as the User Service's does);
 * - every other route (the status routes, health, the OpenAPI document) is IAM: the app maps the
 *   caller's ARN to a principal (IAM_PRINCIPALS).
 */
import { CfnOutput, Duration, Validations } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";
import { apiGatewayAccountLogging, loggedRestApi } from "../shared/rest-api.ts";
import type { StageConfig } from "../shared/stage.config.ts";
import { PUSH_ROUTES, purchaseServiceName, STATUS_ROUTES, USER_ROUTES } from "./purchase-service.names.ts";

export interface PurchasesApiProps {
  readonly config: StageConfig;
  readonly handler: lambda.IFunction;
  readonly authorizer: lambda.IFunction;
}

export class PurchasesApi extends Construct {
  readonly api: apigateway.RestApi;
  /** The push routes' methods: the only ones without authorization. */
  readonly pushMethods: apigateway.Method[] = [];

  constructor(scope: Construct, id: string, props: PurchasesApiProps) {
    super(scope, id);
    const { config } = props;
    const logging = apiGatewayAccountLogging(this);
    const integration = new apigateway.LambdaIntegration(props.handler);
    const iam = { authorizationType: apigateway.AuthorizationType.IAM };

    this.api = loggedRestApi(
      this,
      "Api",
      config,
      purchaseServiceName(config, "api"),
      "Purchases Service API (store pushes public; users Auth0; the rest IAM)",
    );
    this.api.deploymentStage.node.addDependency(logging);
    this.api.root.addMethod("ANY", integration, iam);
    this.api.root.addProxy({ anyMethod: true, defaultIntegration: integration, defaultMethodOptions: iam });

    const auth0 = new apigateway.TokenAuthorizer(this, "Auth0Authorizer", {
      authorizerName: "auth0-jwt",
      handler: props.authorizer,
      identitySource: apigateway.IdentitySource.header("Authorization"),
      validationRegex: "^Bearer [-0-9A-Za-z_.~+/]+=*$",
      resultsCacheTtl: Duration.minutes(5),
    });
    const user = { authorizer: auth0, authorizationType: apigateway.AuthorizationType.CUSTOM };
    for (const [method, path] of USER_ROUTES) this.#resource(path).addMethod(method, integration, user);
    for (const [method, path] of STATUS_ROUTES) this.#resource(path).addMethod(method, integration, iam);
    for (const [method, path] of PUSH_ROUTES) {
      const none = { authorizationType: apigateway.AuthorizationType.NONE };
      const made = this.#resource(path).addMethod(method, integration, none);
      this.pushMethods.push(made);
      Validations.of(made).acknowledge(
        {
          id: "AwsSolutions-APIG4",
          reason:
            "A store's push carries the store's own credential, not Roster's: the app verifies Apple's signed payload (its certificate chain to Apple's pinned root) or Google's OIDC token (audience and push service account) before it records anything.",
        },
        {
          id: "AwsSolutions-COG4",
          reason:
            "Apple and Google authenticate their pushes themselves (JWS, OIDC); no Cognito user calls them.",
        },
      );
    }

    new CfnOutput(this, "Url", { value: this.api.url, description: "The Purchases API's invoke URL" });
    new CfnOutput(this, "ApplePushUrl", {
      value: this.api.urlForPath("/apple/pubsub"),
      description: "App Store Connect's App Store Server Notifications V2 URL (production and sandbox)",
    });
    new CfnOutput(this, "GooglePushUrl", {
      value: this.api.urlForPath("/google/pubsub"),
      description: "The Pub/Sub push subscription's endpoint (with authentication, this audience)",
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
          "The stores' pushes are verified by the app; the users' routes are Auth0-authorized and the rest IAM. A WAF web ACL belongs at the team's edge.",
      },
      {
        id: "AwsSolutions-COG4",
        reason: "Identity is Auth0 (a Lambda TOKEN authorizer) and IAM, not Cognito.",
      },
    );
  }

  #resource(path: string): apigateway.IResource {
    return path
      .split("/")
      .filter(Boolean)
      .reduce<apigateway.IResource>(
        (parent, part) => parent.getResource(part) ?? parent.addResource(part),
        this.api.root,
      );
  }
}
