/**
 * The console's data and secrets, deployed apart from its code and retained when the stack is deleted:
 * the `{stage}-console` table from its spec (sessions and pending sign-ins ending by TTL, the audit
 * trail kept; point-in-time recovery, encrypted at rest), the Auth0 application's client secret (a
 * random value until the deployer puts the real one: infra/README.md, "Console"), and the secret
 * CloudFront proves itself to the function URL with (generated here, never typed by anyone).
 */
import { RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { consoleTable } from "../../../src/console/adapters/dynamodb/console.tables.ts";
import { TableFromSpec } from "../shared/table-from-spec.construct.ts";
import type { ConsoleConfig } from "./console.settings.ts";

export interface ConsoleStatefulStackProps extends StackProps {
  readonly config: ConsoleConfig;
}

export class ConsoleStatefulStack extends Stack {
  readonly table: TableFromSpec;
  readonly auth0Secret: secretsmanager.Secret;
  readonly originSecret: secretsmanager.Secret;
  /** Its name: what the distribution's dynamic reference resolves (a literal, no cross-stack import). */
  readonly originSecretName: string;

  constructor(scope: Construct, id: string, props: ConsoleStatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.table = new TableFromSpec(this, "ConsoleTable", {
      stage: config.stage,
      spec: consoleTable,
      deletionProtection: config.production,
    });
    this.auth0Secret = new secretsmanager.Secret(this, "Auth0ClientSecret", {
      secretName: `${config.stage}/console/auth0`,
      description: "The console's Auth0 Regular Web Application client secret (its whole string)",
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.originSecretName = `${config.stage}/console/origin-verify`;
    this.originSecret = new secretsmanager.Secret(this, "OriginSecret", {
      secretName: this.originSecretName,
      description: "What CloudFront sends the console's function URL in x-roster-origin-verify",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
