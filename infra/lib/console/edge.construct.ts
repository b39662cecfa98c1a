/**
 * The console's front door: one CloudFront distribution with two origins. `/console/assets/*` comes
 * from a private S3 bucket (all public access blocked, SSL only, read by CloudFront through an origin
 * access control) holding `dist/console/assets/` (`npm run build`), cached; everything else goes to the
 * console Lambda's function URL, never cached, with every viewer header but Host forwarded and a
 * viewer-request function copying the viewer's Host into `x-forwarded-host` (CloudFront sends the
 * function URL's host as Host, and the app rebuilds the public URL from that header).
 *
 * Why the function URL's auth type is NONE behind a secret header rather than AWS_IAM behind an OAC:
 * with an OAC, Lambda requires every POST and PUT to carry its body's SHA-256 in
 * `x-amz-content-sha256`, which a browser's plain HTML form post (every console action) cannot send.
 * CloudFront adds `x-roster-origin-verify` with the stateful stack's generated secret instead, and the
 * handler refuses, before any page code, a request without it.
 */
import { join } from "node:path";
import { CfnOutput, Duration, RemovalPolicy, SecretValue } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import type { ConsoleConfig } from "./console.settings.ts";

/** The header CloudFront proves itself with (src/console/api/behind-cloudfront.app.ts reads it). */
export const ORIGIN_SECRET_HEADER = "x-roster-origin-verify";
/** Where the pages link their static files (src/console/ui/assets.ts's CONSOLE_ASSETS_PATH). */
export const ASSETS_PATH = "/console/assets";

/** CloudFront Functions' JavaScript runtime 2.0: the viewer's Host, as the app needs it, in a header CloudFront forwards. */
const COPY_HOST = `function handler(event) {
  var request = event.request;
  request.headers["x-forwarded-host"] = { value: request.headers.host.value };
  return request;
}`;

export interface ConsoleEdgeProps {
  readonly config: ConsoleConfig;
  readonly bundleDir: string;
  readonly backend: lambda.IFunction;
  /** The name of the secret CloudFront sends (resolved at deploy time, never in the template). */
  readonly originSecretName: string;
}

export class ConsoleEdge extends Construct {
  readonly bucket: s3.Bucket;
  readonly functionUrl: lambda.FunctionUrl;
  readonly distribution: cloudfront.Distribution;
  readonly deployment: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: ConsoleEdgeProps) {
    super(scope, id);
    const { config } = props;
    this.bucket = new s3.Bucket(this, "Assets", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      // Only build output: `npm run build` makes it again. Retained, as an emptied bucket is all it leaves.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.functionUrl = props.backend.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    const { certificateArn } = config.console;
    this.distribution = new cloudfront.Distribution(this, "Distribution", {
      comment: `${config.stage} operator console`,
      defaultBehavior: {
        origin: new origins.FunctionUrlOrigin(this.functionUrl, {
          customHeaders: {
            [ORIGIN_SECRET_HEADER]: SecretValue.secretsManager(props.originSecretName).unsafeUnwrap(),
          },
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        functionAssociations: [
          {
            eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
            function: new cloudfront.Function(this, "CopyHost", {
              comment: "The viewer's Host into x-forwarded-host, for the console's public URLs",
              code: cloudfront.FunctionCode.fromInline(COPY_HOST),
              runtime: cloudfront.FunctionRuntime.JS_2_0,
            }),
          },
        ],
      },
      additionalBehaviors: {
        [`${ASSETS_PATH}/*`]: {
          origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        },
      },
      ...(certificateArn
        ? {
            domainNames: [new URL(config.console.publicOrigin).host],
            certificate: acm.Certificate.fromCertificateArn(this, "Certificate", certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    });
    this.deployment = new s3deploy.BucketDeployment(this, "DeployAssets", {
      sources: [s3deploy.Source.asset(join(props.bundleDir, "console", "assets"))],
      destinationBucket: this.bucket,
      destinationKeyPrefix: `${ASSETS_PATH.slice(1)}/`,
      // The names carry no hash: a short browser cache, and CloudFront's copies invalidated on each deploy.
      cacheControl: [s3deploy.CacheControl.setPublic(), s3deploy.CacheControl.maxAge(Duration.hours(1))],
      distribution: this.distribution,
      distributionPaths: [`${ASSETS_PATH}/*`],
      memoryLimit: 256,
    });
    new CfnOutput(this, "ConsoleUrl", {
      value: `https://${this.distribution.distributionDomainName}/console`,
      description:
        "The console on CloudFront's own domain (set console.publicOrigin to its origin, or to the alias)",
    });
  }
}
