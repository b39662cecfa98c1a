import { KinesisClient } from "@aws-sdk/client-kinesis";
import { createSqsClient } from "../../../platform/adapters/aws/sqs-client.factory.ts";
import { SqsDeadLetterBox, type SqsDeadLetterQueue } from "../../adapters/aws/sqs-dead-letter.box.ts";
import {
  KinesisStreamReader,
  type KinesisStreamReaderOptions,
} from "../../adapters/kinesis/kinesis-stream.reader.ts";

/**
 * The console's two live views on AWS, for a composition root that imports this module on first use:
 * the stream tail (Kinesis) and the dead letters (SQS) are two pages of many, and their clients were
 * 82 KiB of the console's cold start (issue 16). The SDKs are CommonJS, whose named exports a bundle's
 * dynamic import does not see: this ES module imports them statically.
 */
export function kinesisStreamReader(
  region: string,
  options: Omit<KinesisStreamReaderOptions, "client">,
): KinesisStreamReader {
  return new KinesisStreamReader({ ...options, client: new KinesisClient({ region }) });
}

export function sqsDeadLetterBox(
  region: string,
  options: {
    readonly queues: readonly SqsDeadLetterQueue[];
    readonly callsPerQueue: number;
    readonly maxMessages: number;
  },
): SqsDeadLetterBox {
  return new SqsDeadLetterBox({ ...options, client: createSqsClient(region) });
}
