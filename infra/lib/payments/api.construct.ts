/**
 * The Payment Service's REST API (`{stage}-payment-service-api`) in front of its API function: IAM
 * authorization on every route (the app maps the caller's ARN to a principal, IAM_PRINCIPALS), except
 * `POST /payments/webhooks/stripe`, which Stripe calls without AWS credentials: no authorizer there, the
 * app verifies the `Stripe-Signature` over the raw body and answers 400 when it does not verify.
 *
 * API Gateway matches the most specific resource, and an explicit resource's unknown children do not
 * fall back to a parent's greedy proxy: each explicit level on the webhook's path has its own IAM proxy.
 */
import { CfnOutput, Validations } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";
import { apiGatewayAccountLogging, loggedRestApi } from "../shared/rest-api.ts";
import { paymentServiceName } from "./payment-service.names.ts";
import type { PaymentsConfig } from "./payments.settings.ts";

export const WEBHOOK_PATH = "/payments/webhooks/stripe";

export class PaymentsApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly webhook: apigateway.Method;
  /** The export holding the API's id (`{stage}-payment-service-api-id`): what callers' grants import. */
  readonly apiIdExport: string;

  constructor(scope: Construct, id: string, props: { config: PaymentsConfig; handler: lambda.IFunction }) {
    super(scope, id);
    const { config } = props;
    const logging = apiGatewayAccountLogging(this);
    const integration = new apigateway.LambdaIntegration(props.handler);
    const iam = { authorizationType: apigateway.AuthorizationType.IAM };

    this.api = loggedRestApi(
      this,
      "Api",
      config,
      paymentServiceName(config, "api"),
      "Payment Service API (IAM)",
    );
    this.api.deploymentStage.node.addDependency(logging);
    const signed = (resource: apigateway.IResource) => {
      resource.addMethod("ANY", integration, iam);
      resource.addProxy({ anyMethod: true, defaultIntegration: integration, defaultMethodOptions: iam });
    };
    signed(this.api.root);
    const payments = this.api.root.addResource("payments");
    signed(payments);
    const webhooks = payments.addResource("webhooks");
    signed(webhooks);
    this.webhook = webhooks.addResource("stripe").addMethod("POST", integration, {
      authorizationType: apigateway.AuthorizationType.NONE,
    });

    this.apiIdExport = paymentServiceName(config, "api-id");
    new CfnOutput(this, "ApiId", { value: this.api.restApiId, exportName: this.apiIdExport });
    new CfnOutput(this, "Url", { value: this.api.url, description: "The Payment Service API's invoke URL" });
    new CfnOutput(this, "StripeWebhookUrl", {
      value: `${this.api.url}${WEBHOOK_PATH.slice(1)}`,
      description: "The endpoint to register with Stripe (its signing secret: STRIPE_WEBHOOK_SECRET)",
    });

    Validations.of(this.webhook).acknowledge(
      {
        id: "AwsSolutions-APIG4",
        reason:
          "Stripe posts its webhooks without AWS credentials; the app verifies the Stripe-Signature (HMAC of the raw body with the endpoint's secret, at most 300 s old) and answers 400, changing nothing, when it does not verify.",
      },
      {
        id: "AwsSolutions-COG4",
        reason: "The webhook's caller is Stripe, authenticated by its signature; no Cognito user calls it.",
      },
    );
    Validations.of(this.api).acknowledge(
      {
        id: "AwsSolutions-APIG2",
        reason:
          "The app validates every request with the zod schemas that also write its OpenAPI document and answers RFC 9457 problems naming the field; a gateway validator would answer in another format.",
      },
      {
        id: "AwsSolutions-APIG3",
        reason:
          "Every route but the webhook admits only signed IAM callers; the webhook is authenticated by Stripe's signature, and a WAF web ACL belongs at the team's edge.",
      },
      {
        id: "AwsSolutions-COG4",
        reason: "Identity is IAM (other services' and operators' roles), not Cognito.",
      },
    );
  }
}
