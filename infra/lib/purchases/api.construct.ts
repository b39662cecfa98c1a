/**
 * The Purchases service's two REST APIs, both in front of its one API function (as the User Service's):
 * - internal (`{stage}-purchase-service-api`): every route (root and proxy, any method), IAM
 *   authorization; the app maps the caller's ARN to a principal (IAM_PRINCIPALS). Services and
 *   operators read a user's subscriptions and access here. Registered in the stage's API registry
 *   (`purchases`, shared/apis.registry.ts), so another service can be granted `execute-api:Invoke` on it.
 * - public (`{stage}-purchase-service-public-api`): only the stores' pushes (`POST /apple/pubsub`,
 *   `POST /google/pubsub`), open at the gateway because the app verifies Apple's JWS chain and Google's
 *   OIDC token, the stores' own credentials; and the users' routes (linking, the account token, a user's
 *   subscriptions and access) behind a TOKEN authorizer that verifies the Auth0 JWT (the app verifies it
 *   again). Nothing else.
 * Both log access as JSON and errors per method; the app validates requests itself (zod, RFC 9457).
 */
import { CfnOutput, Duration, Validations } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";
import { apiGatewayAccountLogging, loggedRestApi } from "../shared/rest-api.ts";
import type { StageConfig } from "../shared/stage.config.ts";
import { PUSH_ROUTES, purchaseServiceName, USER_ROUTES } from "./purchase-service.names.ts";

export interface PurchasesApisProps {
  readonly config: StageConfig;
  readonly handler: lambda.IFunction;
  readonly authorizer: lambda.IFunction;
}

export class PurchasesApis extends Construct {
  readonly internal: apigateway.RestApi;
  readonly public: apigateway.RestApi;
  /** The export holding the internal API's id (`{stage}-purchase-service-api-id`): what callers' grants import. */
  readonly internalApiIdExport: string;
  /** The push routes' methods: the only ones without authorization. */
  readonly pushMethods: apigateway.Method[] = [];

  constructor(scope: Construct, id: string, props: PurchasesApisProps) {
    super(scope, id);
    const { config } = props;
    const logging = apiGatewayAccountLogging(this);
    const integration = new apigateway.LambdaIntegration(props.handler);

    this.internal = loggedRestApi(
      this,
      "Internal",
      config,
      purchaseServiceName(config, "api"),
      "Purchases Service API (IAM)",
    );
    const iam = { authorizationType: apigateway.AuthorizationType.IAM };
    this.internal.root.addMethod("ANY", integration, iam);
    this.internal.root.addProxy({
      anyMethod: true,
      defaultIntegration: integration,
      defaultMethodOptions: iam,
    });

    this.internalApiIdExport = purchaseServiceName(config, "api-id");
    new CfnOutput(this, "InternalApiId", {
      value: this.internal.restApiId,
      exportName: this.internalApiIdExport,
    });
    new CfnOutput(this, "InternalUrl", {
      value: this.internal.url,
      description: "The internal Purchases API's invoke URL (IAM: services and operators)",
    });

    this.public = loggedRestApi(
      this,
      "Public",
      config,
      purchaseServiceName(config, "public-api"),
      "Purchases Service public API (store pushes verified by the app; users' routes Auth0)",
    );
    const auth0 = new apigateway.TokenAuthorizer(this, "Auth0Authorizer", {
      authorizerName: "auth0-jwt",
      handler: props.authorizer,
      identitySource: apigateway.IdentitySource.header("Authorization"),
      validationRegex: "^Bearer [-0-9A-Za-z_.~+/]+=*$",
      resultsCacheTtl: Duration.minutes(5),
    });
    const user = { authorizer: auth0, authorizationType: apigateway.AuthorizationType.CUSTOM };
    for (const [method, path] of USER_ROUTES) this.#resource(path).addMethod(method, integration, user);
    const none = { authorizationType: apigateway.AuthorizationType.NONE };
    for (const [method, path] of PUSH_ROUTES) {
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

    new CfnOutput(this, "PublicUrl", {
      value: this.public.url,
      description: "The public Purchases API's invoke URL (store pushes; the users' routes, Auth0)",
    });
    new CfnOutput(this, "ApplePushUrl", {
      value: this.public.urlForPath("/apple/pubsub"),
      description: "App Store Connect's App Store Server Notifications V2 URL (production and sandbox)",
    });
    new CfnOutput(this, "GooglePushUrl", {
      value: this.public.urlForPath("/google/pubsub"),
      description: "The Pub/Sub push subscription's endpoint (with authentication, this audience)",
    });

    for (const api of [this.internal, this.public]) {
      api.deploymentStage.node.addDependency(logging);
      Validations.of(api).acknowledge(
        {
          id: "AwsSolutions-APIG2",
          reason:
            "The app validates every request with the zod schemas that also write its OpenAPI document and answers RFC 9457 problems naming the field; a gateway validator would answer in another format.",
        },
        {
          id: "AwsSolutions-COG4",
          reason: "Identity is Auth0 (a Lambda TOKEN authorizer) and IAM, not Cognito.",
        },
      );
    }
    Validations.of(this.internal).acknowledge({
      id: "AwsSolutions-APIG3",
      reason:
        "No public web traffic reaches this API: it admits only signed IAM callers (services and operators).",
    });
    Validations.of(this.public).acknowledge({
      id: "AwsSolutions-APIG3",
      reason:
        "The API has only the stores' pushes, verified by the app with the stores' credentials, and the users' routes, Auth0-authorized at the gateway and again in the app; a WAF web ACL belongs at the team's edge.",
    });
  }

  #resource(path: string): apigateway.IResource {
    return path
      .split("/")
      .filter(Boolean)
      .reduce<apigateway.IResource>(
        (parent, part) => parent.getResource(part) ?? parent.addResource(part),
        this.public.root,
      );
  }
}
