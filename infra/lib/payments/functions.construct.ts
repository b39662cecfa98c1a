/**
 * The Payment Service's functions (scripts/build.ts entries payments-api, payments-migrate,
 * payments-outbox-relay), in the service's VPC as the database's clients, each with its environment
 * (the variables of src/payments/wiring/config/) and grants on exactly what it uses.
 *
 * Stripe's keys and the cursor key are CloudFormation dynamic references into the stage's payments
 * vendor secret, as the User Service's vendor secrets are: resolved at deploy time, never in the
 * template or the repository (visible to whoever may read the function's configuration).
 */
import { Duration, Lazy, SecretValue } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { databaseEnvironment } from "../shared/database.environment.ts";
import { API_TIMEOUT, WORKER_TIMEOUT } from "../shared/lambda.limits.ts";
import { RosterFunction, type RosterFunctionProps } from "../shared/roster-function.construct.ts";
import { PAYMENT_SERVICE } from "./payment-service.names.ts";
import type { PaymentsConfig } from "./payments.settings.ts";
import type { PaymentsStatefulStack } from "./stateful.stack.ts";

export const MIGRATE_TIMEOUT = Duration.minutes(5);
/** The relay keeps relaying for RELAY_RUN_MS (45 s by default) of each minute's run, then stops. */
export const RELAY_TIMEOUT = WORKER_TIMEOUT;

export interface PaymentServiceFunctionsProps {
  readonly config: PaymentsConfig;
  readonly bundleDir: string;
  readonly stateful: PaymentsStatefulStack;
  /** The callers other services admitted (shared/apis.registry.ts), read at synth. */
  readonly callers: () => Readonly<Record<string, string>>;
}

export class PaymentServiceFunctions extends Construct {
  readonly api: RosterFunction;
  readonly migrate: RosterFunction;
  readonly outboxRelay: RosterFunction;

  constructor(scope: Construct, id: string, props: PaymentServiceFunctionsProps) {
    super(scope, id);
    const { config, stateful } = props;
    const { database } = stateful;
    const make = (
      entry: string,
      name: string,
      rest: Omit<RosterFunctionProps, "config" | "service" | "bundleDir" | "entry" | "name" | "network">,
    ) =>
      new RosterFunction(this, name, {
        config,
        service: PAYMENT_SERVICE,
        bundleDir: props.bundleDir,
        entry,
        name,
        network: { vpc: stateful.network.vpc, securityGroups: [database.clientSecurityGroup] },
        ...rest,
      });
    const db = databaseEnvironment(
      {
        secretArn: database.secret.secretArn,
        host: database.proxy.endpoint,
        readHost: undefined,
        name: database.databaseName,
      },
      { reads: false },
    );
    const vendor = (key: string) =>
      SecretValue.secretsManager(config.paymentsVendorSecret, { jsonField: key }).unsafeUnwrap();

    this.api = make("payments-api", "api", {
      description: "Payment Service API: charges, refunds, payment methods, the Stripe webhook",
      timeout: API_TIMEOUT,
      memorySize: 1024,
      environment: {
        ...db,
        IAM_PRINCIPALS: Lazy.string({
          produce: () => JSON.stringify({ ...props.callers(), ...config.paymentsIamPrincipals }),
        }),
        STRIPE_SECRET_KEY: vendor("STRIPE_SECRET_KEY"),
        STRIPE_WEBHOOK_SECRET: vendor("STRIPE_WEBHOOK_SECRET"),
        ROSTER_CURSOR_KEY: vendor("ROSTER_CURSOR_KEY"),
      },
    });
    database.secret.grantRead(this.api.role);

    this.migrate = make("payments-migrate", "migrate", {
      description: "Brings the payments schema up to date; run once per deployment by a trigger",
      timeout: MIGRATE_TIMEOUT,
      environment: db,
    });
    database.secret.grantRead(this.migrate.role);

    this.outboxRelay = make("payments-outbox-relay", "outbox-relay", {
      description: "Every minute: the outbox's committed records to Kinesis {stage}-payments, in order",
      timeout: RELAY_TIMEOUT,
      // One relay at a time (the Outbox port's rule): a second run would put the same records beside the first's.
      reservedConcurrency: 1,
      environment: {
        ...db,
        PAYMENTS_STREAM_NAME: stateful.stream.streamName,
        METRICS_NAMESPACE: config.metricsNamespace,
      },
    });
    database.secret.grantRead(this.outboxRelay.role);
    // Only what KinesisStreamProducer calls; the stream is encrypted with the AWS managed key (no KMS grant).
    this.outboxRelay.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ["kinesis:PutRecords"], resources: [stateful.stream.streamArn] }),
    );
  }

  all(): RosterFunction[] {
    return [this.api, this.migrate, this.outboxRelay];
  }
}
