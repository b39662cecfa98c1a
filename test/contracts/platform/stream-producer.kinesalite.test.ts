import { afterAll, beforeAll } from "vitest";
import { KinesisStreamProducer } from "../../../src/platform/adapters/aws/kinesis.producer.ts";
import { createTestStream, type Kinesalite, readStream, startKinesalite } from "../../support/kinesalite.ts";
import { streamProducerContract } from "./stream-producer.contract.ts";

let kinesis: Kinesalite;
let streams = 0;
beforeAll(async () => {
  kinesis = await startKinesalite();
});
afterAll(async () => {
  await kinesis?.stop();
});

streamProducerContract("KinesisStreamProducer against kinesalite on loopback", async () => {
  const client = kinesis.client();
  const stream = await createTestStream(client, `roster-test-contract-${++streams}`, 2);
  return {
    producer: new KinesisStreamProducer({ client }),
    stream,
    readAll: () => readStream(client, stream),
    close: async () => client.destroy(),
  };
});
