/**
 * The Payment Service's data, deployed apart from its code and retained when the stack is deleted: the
 * stream it produces, `{stage}-payments` (PaymentProcessed and status events such as CHARGED_BACK, read
 * by the User Service's payment worker), and its own PostgreSQL database `payments` behind RDS Proxy in
 * a VPC of its own (the functions reach Stripe, Kinesis and Secrets Manager through its NAT).
 */
import { Fn, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { Database } from "../shared/database.construct.ts";
import { Network } from "../shared/network.construct.ts";
import { RosterStream } from "../shared/roster-stream.construct.ts";
import { PAYMENT_SERVICE } from "./payment-service.names.ts";
import type { PaymentsConfig } from "./payments.settings.ts";

export interface PaymentsStatefulStackProps extends StackProps {
  readonly config: PaymentsConfig;
}

export class PaymentsStatefulStack extends Stack {
  readonly stream: RosterStream;
  readonly network: Network;
  readonly database: Database;
  readonly #zones: string[] | undefined;

  constructor(scope: Construct, id: string, props: PaymentsStatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.#zones = config.availabilityZones;
    this.stream = new RosterStream(this, "PaymentsStream", { streamName: `${config.stage}-payments` });
    this.network = new Network(this, "Network", config);
    this.database = new Database(this, "Database", {
      config,
      settings: config.paymentsDatabase,
      vpc: this.network.vpc,
      service: PAYMENT_SERVICE,
      databaseName: "payments",
    });
  }

  /** The stage's zones, or the region's first two (`Fn::GetAZs`): never looked up at synth. */
  override get availabilityZones(): string[] {
    return this.#zones ?? [Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs())];
  }
}
