/**
 * The console's code: its Lambda (`console-console` of `npm run build`) with the environment
 * src/console/wiring/config/console-aws.config.ts parses, the three operator roles it assumes, and the
 * CloudFront distribution with the static files' bucket in front of it (edge.construct.ts). Its role
 * holds only what the console does: the console table, reading its two secrets, assuming the operator
 * roles, reading the three streams it tails, and peeking and redriving the stage's dead-letter queues
 * (dead-letters.access.ts). The function's errors and throttles alarm on
 * `{stage}-console-alarms` (shared/alarms.construct.ts).
 */
import { Duration, Fn, Stack, type StackProps } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";
import { consoleTable } from "../../../src/console/adapters/dynamodb/console.tables.ts";
import { Alarms } from "../shared/alarms.construct.ts";
import type { DeadLetterRegistry } from "../shared/dead-letters.registry.ts";
import { RosterFunction } from "../shared/roster-function.construct.ts";
import { grantTables } from "../shared/table-grants.iam.ts";
import { CONSOLE_SERVICE } from "./console.names.ts";
import type { ConsoleConfig } from "./console.settings.ts";
import { grantDeadLetterQueues } from "./dead-letters.access.ts";
import { ConsoleEdge } from "./edge.construct.ts";
import { OperatorRoles } from "./operator-roles.construct.ts";
import type { ConsoleApi, OperatorRoute } from "./operator-routes.ts";
import type { ConsoleStatefulStack } from "./stateful.stack.ts";

/** The streams the console tails (src/console/wiring/console-streams.ts), by the registry's names. */
export const TAILED_STREAMS = ["users", "payments", "subscriptions"] as const;
export type TailedStream = (typeof TAILED_STREAMS)[number];

export interface ConsoleStatelessStackProps extends StackProps {
  readonly config: ConsoleConfig;
  readonly bundleDir: string;
  readonly stateful: ConsoleStatefulStack;
  /** Each API's invoke URL and signing region (the stage's API registry). */
  readonly apis: Readonly<Record<ConsoleApi, { readonly url: string; readonly region: string }>>;
  readonly executeApiArn: (route: OperatorRoute) => string;
  readonly streamArns: Readonly<Record<TailedStream, string>>;
  /** The stage's dead-letter queues, read once every service registered its own. */
  readonly deadLetters: DeadLetterRegistry;
}

/** `arn:...:stream/<name>` names `<name>` (resolved at deploy time: the ARN may be another stack's export). */
const streamName = (arn: string) => Fn.select(1, Fn.split("/", arn));

export class ConsoleStatelessStack extends Stack {
  readonly backend: RosterFunction;
  readonly operatorRoles: OperatorRoles;
  readonly edge: ConsoleEdge;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: ConsoleStatelessStackProps) {
    super(scope, id, props);
    const { config, stateful, apis, streamArns } = props;
    this.backend = new RosterFunction(this, "Backend", {
      config,
      service: CONSOLE_SERVICE,
      bundleDir: props.bundleDir,
      entry: "console-console",
      name: "backend",
      description: "Operator console: pages, OpenID Connect sign-in, the services' APIs as the operator",
      // CloudFront waits 30 s for its origin; a page's calls each stop at CONSOLE_CALL_TIMEOUT_MS.
      timeout: Duration.seconds(30),
      memorySize: 1024,
      environment: {},
    });
    const { fn, role } = this.backend;
    this.operatorRoles = new OperatorRoles(this, "OperatorRoles", {
      config,
      assumedBy: role,
      executeApiArn: props.executeApiArn,
    });
    const { roles } = this.operatorRoles;
    const env: Record<string, string> = {
      CONSOLE_PUBLIC_ORIGIN: config.console.publicOrigin,
      CONSOLE_ORIGIN_SECRET_ARN: stateful.originSecret.secretArn,
      CONSOLE_AUTH0_ISSUER: config.console.auth0.issuer,
      CONSOLE_AUTH0_CLIENT_ID: config.console.auth0.clientId,
      CONSOLE_AUTH0_SECRET_ARN: stateful.auth0Secret.secretArn,
      USERS_API_URL: apis.users.url,
      USERS_API_REGION: apis.users.region,
      PAYMENTS_API_URL: apis.payments.url,
      PAYMENTS_API_REGION: apis.payments.region,
      SUBSCRIPTIONS_API_URL: apis.subscriptions.url,
      SUBSCRIPTIONS_API_REGION: apis.subscriptions.region,
      PURCHASES_API_URL: apis.purchases.url,
      PURCHASES_API_REGION: apis.purchases.region,
      CONSOLE_SUPPORT_ROLE_ARN: roles.support.roleArn,
      CONSOLE_MX_ROLE_ARN: roles.mx.roleArn,
      CONSOLE_ADMIN_ROLE_ARN: roles.admin.roleArn,
      USERS_STREAM_NAME: streamName(streamArns.users),
      PAYMENTS_STREAM_NAME: streamName(streamArns.payments),
      SUBSCRIPTIONS_STREAM_NAME: streamName(streamArns.subscriptions),
    };
    for (const [name, value] of Object.entries(env)) fn.addEnvironment(name, value);

    grantTables(this, role, config.stage, [{ spec: consoleTable, access: "readWrite" }]);
    stateful.auth0Secret.grantRead(role);
    stateful.originSecret.grantRead(role);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["sts:AssumeRole"],
        resources: Object.values(roles).map((operatorRole) => operatorRole.roleArn),
      }),
    );
    // What KinesisStreamReader calls; the streams are encrypted with the AWS managed key (no KMS grant).
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["kinesis:ListShards", "kinesis:GetShardIterator", "kinesis:GetRecords"],
        resources: Object.values(streamArns),
      }),
    );
    props.deadLetters.whenComplete((queues) => grantDeadLetterQueues(fn, role, queues));
    this.edge = new ConsoleEdge(this, "Edge", {
      config,
      bundleDir: props.bundleDir,
      backend: fn,
      originSecretName: stateful.originSecretName,
    });
    this.alarms = new Alarms(this, "Alarms", {
      config,
      service: CONSOLE_SERVICE,
      apis: [],
      functions: [{ name: this.backend.name, resource: fn }],
      streamConsumers: [],
      deadLetterQueues: [],
    });
  }
}
