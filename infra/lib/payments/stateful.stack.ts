/**
 * The Payment Service's data. The start of its stacks (issue 12): for now only the stream it produces,
 * `{stage}-payments` (PaymentProcessed and status events such as CHARGED_BACK, read by the User
 * Service's payment worker); its database joins it when the service is built.
 */
import { Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { RosterStream } from "../shared/roster-stream.construct.ts";
import type { StageConfig } from "../shared/stage.config.ts";

export interface PaymentsStatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

export class PaymentsStatefulStack extends Stack {
  readonly stream: RosterStream;

  constructor(scope: Construct, id: string, props: PaymentsStatefulStackProps) {
    super(scope, id, props);
    this.stream = new RosterStream(this, "PaymentsStream", { streamName: `${props.config.stage}-payments` });
  }
}
