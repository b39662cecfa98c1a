/**
 * The VPC of the functions that reach PostgreSQL (the User Service's API, usermodel projector and
 * migrations).
 *
 * Egress: those functions call AWS APIs (DynamoDB, EventBridge, SQS, Secrets Manager) *and* vendors on
 * the internet (Auth0, Growthbook, Experian, Segment, the internal services' API Gateways), so they need
 * NAT whatever endpoints exist. DynamoDB, by far the most frequent call, goes through a gateway endpoint
 * (free, and it keeps table traffic off the NAT's per-GB charge); the rest share the NAT rather than
 * paying for an interface endpoint per service and zone. Databases sit in isolated subnets.
 */
import { RemovalPolicy } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { StageConfig } from "./stage.config.ts";

export class Network extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, "Vpc", {
      // The stack's zones: a stack holding a Network overrides `availabilityZones` with the stage's or
      // `Fn::GetAZs` (as users/stateful.stack.ts does), never a lookup, so synth stays offline.
      maxAzs: config.availabilityZones?.length ?? 2,
      natGateways: config.natGateways,
      subnetConfiguration: [
        { name: "public", subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: "functions", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: "databases", subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      gatewayEndpoints: {
        DynamoDb: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
      },
    });
    const flowLogs = new logs.LogGroup(this, "FlowLogs", {
      retention: config.production ? logs.RetentionDays.ONE_YEAR : logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.vpc.addFlowLog("FlowLog", {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
      trafficType: ec2.FlowLogTrafficType.REJECT,
    });
  }
}
