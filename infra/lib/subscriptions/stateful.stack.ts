/**
 * The Subscription Service's data. The start of its stacks (issue 13): for now only the stream it
 * produces, `{stage}-subscriptions` (pause skipped, pause resumed, ..., read by the User Service's
 * subscriptions worker); its database and object store join it when the service is built.
 */
import { Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { RosterStream } from "../shared/roster-stream.construct.ts";
import type { StageConfig } from "../shared/stage.config.ts";

export interface SubscriptionsStatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

export class SubscriptionsStatefulStack extends Stack {
  readonly stream: RosterStream;

  constructor(scope: Construct, id: string, props: SubscriptionsStatefulStackProps) {
    super(scope, id, props);
    this.stream = new RosterStream(this, "SubscriptionsStream", {
      streamName: `${props.config.stage}-subscriptions`,
    });
  }
}
