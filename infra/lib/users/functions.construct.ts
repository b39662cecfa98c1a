/**
 * The User Service's functions (scripts/build.ts entries), each with its environment and with grants on
 * exactly the resources it uses. The payment worker's call to the internal API is wired by the stack,
 * once that API exists (`allowBan`).
 */
import { Lazy } from "aws-cdk-lib";
import type * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { idempotencyTable } from "../../../src/platform/idempotency/idempotency.table.ts";
import {
  balanceSettingsTable,
  phoneNumbersTable,
  usersTable,
} from "../../../src/users/adapters/dynamodb/users.tables.ts";
import { type DatabaseEnvironment, databaseEnvironment } from "../shared/database.environment.ts";
import { API_TIMEOUT, AUTHORIZER_TIMEOUT, WORKER_TIMEOUT } from "../shared/lambda.limits.ts";
import { RosterFunction, type RosterFunctionProps } from "../shared/roster-function.construct.ts";
import { partitionOf } from "../shared/stage.config.ts";
import { grantTables } from "../shared/table-grants.iam.ts";
import {
  apiEnvironment,
  auth0TokenEnvironment,
  cleanupWorkerEnvironment,
  growthbookEnvironment,
  subscriptionsWorkerEnvironment,
} from "./functions.environment.ts";
import { executeApiArn, type InternalApiName } from "./internal-apis.iam.ts";
import type { UsersStatefulStack } from "./stateful.stack.ts";
import { USER_SERVICE, userServiceName } from "./user-service.names.ts";
import { CLEANUP_WORKER_TIMEOUT, MIGRATE_TIMEOUT, SOFT_OPT_IN_WORKER_TIMEOUT } from "./users.limits.ts";
import type { UsersConfig } from "./users.settings.ts";

/** Another Roster service's API (payments, subscriptions) as the stage's API registry gives it (shared/apis.registry.ts). */
export interface CalledApi {
  readonly url: string;
  readonly region: string;
  /** `execute-api:Invoke` targets: exactly the routes the User Service's client calls. */
  readonly routes: string[];
}

export interface UserServiceFunctionsProps {
  readonly config: UsersConfig;
  readonly bundleDir: string;
  readonly stateful: UsersStatefulStack;
  /** The API function's role is named so, so the services it calls can map it before it exists. */
  readonly apiRoleName: string;
  readonly paymentApi: CalledApi;
  readonly subscriptionApi: CalledApi;
  /** The callers other services admitted to the internal API (shared/apis.registry.ts), read at synth. */
  readonly callers: () => Readonly<Record<string, string>>;
}

export class UserServiceFunctions extends Construct {
  readonly api: RosterFunction;
  readonly auth0Authorizer: RosterFunction;
  readonly paymentWorker: RosterFunction;
  readonly subscriptionsWorker: RosterFunction;
  readonly kinesisFeeder: RosterFunction;
  readonly cleanupWorker: RosterFunction;
  readonly softOptInWorker: RosterFunction;
  readonly usermodelProjector: RosterFunction;
  readonly migrate: RosterFunction;
  /** The API's `execute-api:Invoke` on the Payment Service's routes it calls. */
  readonly paymentRoutes: iam.Policy;
  /** The API's `execute-api:Invoke` on the Subscription Service's routes it calls. */
  readonly subscriptionRoutes: iam.Policy;

  constructor(scope: Construct, id: string, props: UserServiceFunctionsProps) {
    super(scope, id);
    const { config, stateful } = props;
    const { database } = stateful;
    const make = (
      entry: string,
      name: string,
      rest: Omit<RosterFunctionProps, "config" | "service" | "bundleDir" | "entry" | "name">,
    ) =>
      new RosterFunction(this, name, {
        config,
        service: USER_SERVICE,
        bundleDir: props.bundleDir,
        entry,
        name,
        ...rest,
      });
    const inVpc = { vpc: stateful.network.vpc, securityGroups: [database.clientSecurityGroup] };
    const db: DatabaseEnvironment = {
      secretArn: database.secret.secretArn,
      host: database.proxy.endpoint,
      readHost: database.replica?.dbInstanceEndpointAddress,
      name: database.databaseName,
    };
    // Named up front so the API can map its callers' ARN before the role exists (no circular reference).
    const paymentWorkerRole = `${userServiceName(config, "payment-worker")}-${config.region}`;

    this.api = make("users-api", "api", {
      description: "User Service API behind both API Gateways (seed 000)",
      timeout: API_TIMEOUT,
      memorySize: 1024,
      network: inVpc,
      roleName: props.apiRoleName,
      environment: apiEnvironment(config, {
        paymentApi: props.paymentApi,
        subscriptionApi: props.subscriptionApi,
        legacyRegion: config.legacyRegion,
        database: db,
        cleanupQueueUrl: stateful.cleanupQueue.queueUrl,
        iamPrincipals: Lazy.string({
          produce: () =>
            JSON.stringify({
              [`arn:${partitionOf(config.region)}:sts::${config.account}:assumed-role/${paymentWorkerRole}/`]:
                "service:payment-worker",
              ...props.callers(),
              ...config.iamPrincipals,
            }),
        }),
      }),
    });
    grantTables(this, this.api.role, config.stage, [
      { spec: usersTable, access: "readWrite" },
      { spec: phoneNumbersTable, access: "readWrite", region: config.legacyRegion },
      { spec: balanceSettingsTable, access: "readWrite", region: config.legacyRegion },
    ]);
    stateful.bus.grantPutEventsTo(this.api.role);
    stateful.cleanupQueue.grantSendMessages(this.api.role);
    database.secret.grantRead(this.api.role);
    invoke(this.api.role, config, ["transactions", "float", "underwriting"]);
    // Policies of their own, so their acknowledgements (users.nag.ts) cover these routes and nothing else.
    this.paymentRoutes = routesPolicy(this, "PaymentServiceRoutes", props.paymentApi);
    this.api.role.attachInlinePolicy(this.paymentRoutes);
    this.subscriptionRoutes = routesPolicy(this, "SubscriptionServiceRoutes", props.subscriptionApi);
    this.api.role.attachInlinePolicy(this.subscriptionRoutes);

    this.auth0Authorizer = make("users-auth0-authorizer", "auth0-authorizer", {
      description: "Legacy gateway's TOKEN authorizer: verifies the Auth0 JWT",
      timeout: AUTHORIZER_TIMEOUT,
      memorySize: 256,
      environment: auth0TokenEnvironment(config),
    });

    this.paymentWorker = make("users-payment-worker", "payment-worker", {
      description: "Kinesis {stage}-payments: bans users on CHARGED_BACK (seed 004)",
      timeout: WORKER_TIMEOUT,
      roleName: paymentWorkerRole,
      environment: growthbookEnvironment(config),
    });

    this.subscriptionsWorker = make("users-subscriptions-worker", "subscriptions", {
      description: "Kinesis {stage}-subscriptions: pause skipped and resumed (seed 004)",
      timeout: WORKER_TIMEOUT,
      environment: subscriptionsWorkerEnvironment(config),
    });
    grantTables(this, this.subscriptionsWorker.role, config.stage, [
      { spec: usersTable, access: "readWrite" },
      { spec: idempotencyTable, access: "readWrite" },
    ]);
    stateful.bus.grantPutEventsTo(this.subscriptionsWorker.role);

    this.kinesisFeeder = make("users-kinesis-feeder", "kinesis-feeder", {
      description: "Users table change feed -> Kinesis {stage}-user-service-users (seed 004)",
      timeout: WORKER_TIMEOUT,
      environment: { USR_KINESIS_STREAM_USERS: stateful.usersStream.streamName },
    });
    stateful.usersStream.grantWrite(this.kinesisFeeder.role);

    this.cleanupWorker = make("users-cleanup-worker", "cleanup", {
      description: "SQS {stage}-user-service-cleanup: Plaid items, Auth0 block, Array (seed 000)",
      timeout: CLEANUP_WORKER_TIMEOUT,
      environment: cleanupWorkerEnvironment(config),
    });
    grantTables(this, this.cleanupWorker.role, config.stage, [{ spec: usersTable, access: "read" }]);
    invoke(this.cleanupWorker.role, config, ["transactions"]);

    // The Purchases service's queue: its soft opt-ins recorded as consents (users table), announced on the bus.
    this.softOptInWorker = make("users-soft-opt-in-worker", "soft-opt-ins", {
      description: "SQS {stage}-purchases-soft-opt-ins (the Purchases service's): soft opt-ins as consents",
      timeout: SOFT_OPT_IN_WORKER_TIMEOUT,
      environment: { EVENT_BUS_NAME: config.eventBusName },
    });
    grantTables(this, this.softOptInWorker.role, config.stage, [{ spec: usersTable, access: "readWrite" }]);
    stateful.bus.grantPutEventsTo(this.softOptInWorker.role);

    this.usermodelProjector = make("users-usermodel-projector", "usermodel-projector", {
      description: "Users table change feed -> PostgreSQL usermodel",
      timeout: WORKER_TIMEOUT,
      network: inVpc,
      environment: databaseEnvironment(db, { reads: false }),
    });
    database.secret.grantRead(this.usermodelProjector.role);

    this.migrate = make("users-migrate", "migrate", {
      description: "Brings the usermodel schema up to date; run once per deployment by a trigger",
      timeout: MIGRATE_TIMEOUT,
      network: inVpc,
      environment: databaseEnvironment(db, { reads: false }),
    });
    database.secret.grantRead(this.migrate.role);
  }

  all(): RosterFunction[] {
    return [
      this.api,
      this.auth0Authorizer,
      this.paymentWorker,
      this.subscriptionsWorker,
      this.kinesisFeeder,
      this.cleanupWorker,
      this.softOptInWorker,
      this.usermodelProjector,
      this.migrate,
    ];
  }

  /** The payment worker bans through the internal API as `service:payment-worker`: that route only. */
  allowBan(internalApi: apigateway.RestApi, stage: string): void {
    this.paymentWorker.fn.addEnvironment("USER_SERVICE_API_URL", internalApi.url);
    this.paymentWorker.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["execute-api:Invoke"],
        resources: [internalApi.arnForExecuteApi("POST", "/*/user/ban", stage)],
      }),
    );
  }
}

function invoke(role: iam.IRole, config: UsersConfig, apis: InternalApiName[]): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ["execute-api:Invoke"],
      resources: apis.map((api) => executeApiArn(config, api)),
    }),
  );
}

function routesPolicy(scope: Construct, id: string, api: CalledApi): iam.Policy {
  return new iam.Policy(scope, id, {
    statements: [new iam.PolicyStatement({ actions: ["execute-api:Invoke"], resources: api.routes })],
  });
}
