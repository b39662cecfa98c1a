/**
 * A service's PostgreSQL database (the User Service's `usermodel`, seed 003): an RDS instance, its
 * credentials generated into Secrets Manager, RDS Proxy in front of it (Lambda instances come and go; the
 * proxy pools their connections), and where the stage asks for one a read replica (`DATABASE_READ_HOST`).
 *
 * The replica is reached directly, not through the proxy: RDS Proxy can target only the writer of an
 * RDS for PostgreSQL instance, never a read replica. Clients join `clientSecurityGroup`; only it may
 * reach the proxy and the replica, and only the proxy and the secret's rotation function may reach the
 * primary.
 *
 * The secret rotates every 30 days (single user: the same user, a new password). The functions read the
 * password per new connection and re-read it when it is refused (src/platform/adapters/aws/rds-secret.ts); RDS Proxy
 * reads the secret itself.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as logs from "aws-cdk-lib/aws-logs";
import * as rds from "aws-cdk-lib/aws-rds";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { type StageConfig, serviceName } from "./stage.config.ts";

const PORT = 5432;
// 17, not 18 as the local runtime: RDS Proxy documents PostgreSQL engines only up to 17 so far; the
// migrations use nothing newer than pg_trgm.
const ENGINE = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17 });

/** How big the instance is and whether it has a replica: the owning service's settings decide. */
export interface DatabaseSettings {
  /** e.g. `t4g.micro` (`db.` is implied). */
  readonly instanceType: string;
  readonly allocatedStorageGiB: number;
  readonly readReplica: boolean;
}

export interface DatabaseProps {
  readonly config: StageConfig;
  readonly settings: DatabaseSettings;
  readonly vpc: ec2.IVpc;
  /** The owning service (`user-service`): names the instance, its proxy and its secret. */
  readonly service: string;
  /** The database created on the instance (`usermodel`); the instance is `{stage}-{service}-<name>`. */
  readonly databaseName: string;
}

export class Database extends Construct {
  readonly databaseName: string;
  readonly instance: rds.DatabaseInstance;
  readonly replica: rds.DatabaseInstanceReadReplica | undefined;
  readonly proxy: rds.DatabaseProxy;
  readonly secret: secretsmanager.ISecret;
  readonly clientSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { config, settings, vpc, service, databaseName } = props;
    this.databaseName = databaseName;
    const isolated = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
    const group = (name: string, description: string) =>
      new ec2.SecurityGroup(this, name, { vpc, description, allowAllOutbound: name === "Clients" });
    this.clientSecurityGroup = group("Clients", `Functions that use the ${databaseName} database`);
    const proxyGroup = group("ProxyGroup", `RDS Proxy of the ${databaseName} database`);
    const primaryGroup = group("PrimaryGroup", `${databaseName} primary: reached only by its proxy`);
    proxyGroup.addIngressRule(this.clientSecurityGroup, ec2.Port.tcp(PORT), "clients to the proxy");
    primaryGroup.addIngressRule(proxyGroup, ec2.Port.tcp(PORT), "the proxy to the primary");
    proxyGroup.addEgressRule(primaryGroup, ec2.Port.tcp(PORT), "the proxy to the primary");

    const identifier = serviceName(config, service, databaseName);
    const postgresLogs = new logs.LogGroup(this, "PostgresLogs", {
      logGroupName: `/aws/rds/instance/${identifier}/postgresql`,
      retention: config.production ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.instance = new rds.DatabaseInstance(this, "Primary", {
      instanceIdentifier: identifier,
      engine: ENGINE,
      instanceType: new ec2.InstanceType(settings.instanceType),
      vpc,
      vpcSubnets: isolated,
      securityGroups: [primaryGroup],
      port: PORT,
      databaseName: this.databaseName,
      credentials: rds.Credentials.fromGeneratedSecret("roster", {
        secretName: `${config.stage}/${service}/database`,
      }),
      allocatedStorage: settings.allocatedStorageGiB,
      maxAllocatedStorage: settings.allocatedStorageGiB * 5,
      storageType: rds.StorageType.GP3,
      storageEncrypted: true,
      multiAz: config.production,
      deletionProtection: config.production,
      backupRetention: Duration.days(config.production ? 14 : 7),
      cloudwatchLogsExports: ["postgresql"],
      autoMinorVersionUpgrade: true,
      publiclyAccessible: false,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.instance.node.addDependency(postgresLogs);
    this.secret = this.instance.secret!;
    // Kept with the instance it unlocks: deleting the stack must not leave a database nobody can log into.
    // (`instance.secret` is the attachment; the generated secret is the instance's child "Secret".)
    (this.instance.node.findChild("Secret") as secretsmanager.Secret).applyRemovalPolicy(
      RemovalPolicy.RETAIN,
    );
    this.rotateSecret(serviceName(config, service, "database-rotation"), vpc, primaryGroup);

    this.proxy = new rds.DatabaseProxy(this, "Proxy", {
      dbProxyName: identifier,
      proxyTarget: rds.ProxyTarget.fromInstance(this.instance),
      secrets: [this.secret],
      vpc,
      vpcSubnets: isolated,
      securityGroups: [proxyGroup],
      requireTLS: true,
      idleClientTimeout: Duration.minutes(15),
    });

    this.replica = settings.readReplica ? this.readReplica(settings, vpc, identifier) : undefined;
  }

  /**
   * Secrets Manager's hosted single-user rotation function for PostgreSQL (the AWS::SecretsManager
   * transform builds it at deploy time: nothing to bundle, synth stays offline). It runs in the functions'
   * subnets: it reaches the primary on 5432 (the secret's `host` is the instance, not the proxy) and
   * Secrets Manager's API through the NAT, as the functions do (network.construct.ts). Its password avoids
   * the characters the generated one does (both CDK's default set).
   */
  private rotateSecret(functionName: string, vpc: ec2.IVpc, primaryGroup: ec2.SecurityGroup): void {
    const rotationGroup = new ec2.SecurityGroup(this, "RotationGroup", {
      vpc,
      description: `Rotation function of the ${this.databaseName} secret`,
      allowAllOutbound: false,
    });
    primaryGroup.addIngressRule(rotationGroup, ec2.Port.tcp(PORT), "secret rotation to the primary");
    rotationGroup.addEgressRule(primaryGroup, ec2.Port.tcp(PORT), "secret rotation to the primary");
    rotationGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), "Secrets Manager's API, by the NAT");
    this.secret.addRotationSchedule("Rotation", {
      hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser({
        functionName,
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        securityGroups: [rotationGroup],
      }),
      automaticallyAfter: Duration.days(30),
      // Not when the schedule is created or changed, i.e. mid-deployment: this stack deploys before the
      // functions' code, and code older than this change read the password once per instance.
      rotateImmediatelyOnUpdate: false,
    });
  }

  private readReplica(
    settings: DatabaseSettings,
    vpc: ec2.IVpc,
    identifier: string,
  ): rds.DatabaseInstanceReadReplica {
    const group = new ec2.SecurityGroup(this, "ReplicaGroup", {
      vpc,
      description: `${this.databaseName} read replica: reached by the clients directly`,
      allowAllOutbound: false,
    });
    group.addIngressRule(this.clientSecurityGroup, ec2.Port.tcp(PORT), "clients to the replica");
    return new rds.DatabaseInstanceReadReplica(this, "Replica", {
      instanceIdentifier: `${identifier}-replica`,
      sourceDatabaseInstance: this.instance,
      instanceType: new ec2.InstanceType(settings.instanceType),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [group],
      port: PORT,
      // Encrypted as its source is (CloudFormation refuses StorageEncrypted on a replica).
      autoMinorVersionUpgrade: true,
      publiclyAccessible: false,
      // A replica holds nothing the primary lacks: deleting the stack may delete it.
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
