/**
 * A Kinesis stream as Roster's services produce them: on demand (no shards to size), encrypted with the
 * AWS managed key (no key grants for consumers), retained when its stack is deleted.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as kinesis from "aws-cdk-lib/aws-kinesis";
import type { Construct } from "constructs";
import { MAX_RECORD_AGE } from "./lambda.limits.ts";

export class RosterStream extends kinesis.Stream {
  constructor(scope: Construct, id: string, props: { readonly streamName: string }) {
    super(scope, id, {
      streamName: props.streamName,
      streamMode: kinesis.StreamMode.ON_DEMAND,
      encryption: kinesis.StreamEncryption.MANAGED,
      // A day more than the consumers' maximum record age, so a stalled consumer's records are still there.
      retentionPeriod: MAX_RECORD_AGE.plus(Duration.days(1)),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
