/**
 * One Lambda function from one `npm run build` bundle (`<bundleDir>/<entry>/index.mjs`, minified ESM with
 * its source map): nodejs24.x on arm64, its own role holding only what the stack grants it (plus writing
 * to its own log group), a log group with a retention, and the Powertools environment.
 * Bundles are built by scripts/build.ts, never here: synth needs neither Docker nor a bundler.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import type * as ec2 from "aws-cdk-lib/aws-ec2";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { type StageConfig, serviceName } from "./stage.config.ts";

export interface RosterFunctionProps {
  readonly config: StageConfig;
  /** The service it belongs to (`user-service`): its name's prefix and Powertools' service name. */
  readonly service: string;
  /** The entry's name in scripts/build.ts, e.g. `users-api`. */
  readonly entry: string;
  readonly bundleDir: string;
  /** The function is `{stage}-{service}-<name>` (seed 000: prod-user-service-payment-worker). */
  readonly name: string;
  readonly description: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeout: Duration;
  readonly memorySize?: number;
  /** Functions that reach PostgreSQL run in the VPC's private subnets. */
  readonly network?: { readonly vpc: ec2.IVpc; readonly securityGroups: ec2.ISecurityGroup[] };
  /** A fixed role name, for callers that must be named before the role exists (IAM_PRINCIPALS). */
  readonly roleName?: string;
  /** At most this many instances at once (1: one run at a time, as an outbox relay needs). */
  readonly reservedConcurrency?: number;
}

export class RosterFunction extends Construct {
  /** The short name (`payment-worker`); alarms are named after it. */
  readonly name: string;
  readonly fn: lambda.Function;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: RosterFunctionProps) {
    super(scope, id);
    const { config } = props;
    this.name = props.name;
    const functionName = serviceName(config, props.service, props.name);
    const logGroup = new logs.LogGroup(this, "Logs", {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: config.production ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, "Role", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: `${functionName}: only what the function uses`,
      ...(props.roleName ? { roleName: props.roleName } : {}),
    });
    logGroup.grantWrite(this.role);
    if (props.network) {
      this.role.addManagedPolicy(
        iam.ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaVPCAccessExecutionRole"),
      );
      Validations.of(this.role).acknowledge({
        id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]",
        reason:
          "Lambda's own policy for VPC functions: the network interface actions it needs take no resource-level permissions, and AWS keeps the list current.",
      });
    }
    this.fn = new lambda.Function(this, "Function", {
      functionName,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: "index.handler",
      code: lambda.Code.fromAsset(bundlePath(props.bundleDir, props.entry)),
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      role: this.role,
      logGroup,
      ...(props.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrency }),
      environment: {
        STAGE: config.stage,
        LOG_LEVEL: config.logLevel,
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_LOG_LEVEL: config.logLevel,
        POWERTOOLS_METRICS_NAMESPACE: config.metricsNamespace,
        // The bundles are minified: stack traces point into the sources through their maps.
        NODE_OPTIONS: "--enable-source-maps",
        ...props.environment,
      },
      ...(props.network
        ? {
            vpc: props.network.vpc,
            vpcSubnets: { subnets: props.network.vpc.privateSubnets },
            securityGroups: props.network.securityGroups,
          }
        : {}),
    });
  }
}

function bundlePath(bundleDir: string, entry: string): string {
  const dir = join(bundleDir, entry);
  if (!existsSync(join(dir, "index.mjs"))) {
    throw new Error(
      `no bundle ${dir}/index.mjs: run npm run build first (or pass --context bundleDir=<dir>)`,
    );
  }
  return dir;
}
