import { KinesisClient, PutRecordsCommand, type PutRecordsCommandInput } from "@aws-sdk/client-kinesis";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KinesisStreamProducer } from "../../../src/platform/adapters/aws/kinesis.producer.ts";
import {
  StreamPublishError,
  type StreamRecordInput,
} from "../../../src/platform/events/stream-producer.port.ts";
import { createTestStream, type Kinesalite, readStream, startKinesalite } from "../../support/kinesalite.ts";

const credentials = { accessKeyId: "AKIDROSTERTEST00001", secretAccessKey: "roster-test-secret-key" };
const decoder = new TextDecoder();

/** `count` records over `keys` partition keys, each record's data naming its key and its rank in the key. */
function records(count: number, keys: number, pad = 0): StreamRecordInput[] {
  const seen = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const partitionKey = `auth0|user-${i % keys}`;
    const rank = seen.get(partitionKey) ?? 0;
    seen.set(partitionKey, rank + 1);
    return { partitionKey, data: JSON.stringify({ key: partitionKey, rank, i, pad: "x".repeat(pad) }) };
  });
}

describe("the Kinesis producer against kinesalite on loopback", () => {
  let server: Kinesalite;
  let client: KinesisClient;
  let streams = 0;
  const sentChunks: number[] = [];

  beforeAll(async () => {
    server = await startKinesalite();
    client = server.client();
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "PutRecordsCommand") {
          sentChunks.push((args.input as PutRecordsCommandInput).Records?.length ?? 0);
        }
        return next(args);
      },
      { step: "initialize", name: "countPutRecords" },
    );
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  const freshStream = (shards: number) => createTestStream(client, `roster-test-users-${++streams}`, shards);
  const readBack = (stream: string) => readStream(client, stream);

  it("puts more than 500 records in chunks of 500: each lands once, in order per key, results in request order", async () => {
    const stream = await freshStream(4);
    const input = records(1_234, 7);
    sentChunks.length = 0;

    const results = await new KinesisStreamProducer({ client }).put(stream, input);

    expect(sentChunks).toEqual([500, 500, 234]);
    const landed = await readBack(stream);
    expect(landed.map((r) => r.data).sort()).toEqual(input.map((r) => r.data).sort());
    const bySequence = new Map(landed.map((r) => [r.sequenceNumber, r]));
    expect(results).toHaveLength(input.length);
    results.forEach((result, i) => {
      const record = bySequence.get(result.sequenceNumber);
      expect(record).toMatchObject({ shardId: result.shardId, data: input[i]?.data });
    });
    for (let key = 0; key < 7; key++) {
      const ofKey = landed.filter((r) => r.partitionKey === `auth0|user-${key}`);
      expect(new Set(ofKey.map((r) => r.shardId)).size).toBe(1);
      const ranks = ofKey.map((r) => (JSON.parse(r.data) as { rank: number }).rank);
      expect(ranks).toEqual(ranks.map((_, i) => i));
    }
  });

  it("keeps each request within 5 MiB", async () => {
    const stream = await freshStream(2);
    const input = records(11, 3, 600_000);
    sentChunks.length = 0;

    const results = await new KinesisStreamProducer({ client }).put(stream, input);

    expect(sentChunks).toEqual([8, 3]);
    expect(results).toHaveLength(11);
    expect((await readBack(stream)).length).toBe(11);
  });

  it("puts nothing for no records", async () => {
    sentChunks.length = 0;
    expect(await new KinesisStreamProducer({ client }).put("roster-test-none", [])).toEqual([]);
    expect(sentChunks).toEqual([]);
  });

  it("wraps a whole request the service refuses in a StreamPublishError", async () => {
    const putting = new KinesisStreamProducer({ client }).put("roster-test-missing", records(3, 1));
    await expect(putting).rejects.toBeInstanceOf(StreamPublishError);
    await expect(putting).rejects.toThrow(
      "3 of 3 records were not put on roster-test-missing (ResourceNotFoundException)",
    );
  });
});

describe("the Kinesis producer when PutRecords refuses some records", () => {
  const client = new KinesisClient({ region: "us-east-1", credentials });
  const kinesis = mockClient(client);
  const pauses: number[] = [];
  const producer = (attempts?: number) =>
    new KinesisStreamProducer({
      client,
      backoffMs: [100, 200, 400],
      sleep: async (ms) => void pauses.push(ms),
      ...(attempts === undefined ? {} : { attempts }),
    });
  const sent = () =>
    kinesis
      .commandCalls(PutRecordsCommand)
      .map((call) => (call.args[0].input.Records ?? []).map((r) => decoder.decode(r.Data)));
  const ok = (n: number) => ({ ShardId: "shardId-000000000000", SequenceNumber: `seq-${n}` });
  const throttled = { ErrorCode: "ProvisionedThroughputExceededException", ErrorMessage: "Rate exceeded" };

  it("sends again only the refused records, in their order, and answers every result in request order", async () => {
    kinesis.reset();
    pauses.length = 0;
    kinesis
      .on(PutRecordsCommand)
      .resolvesOnce({ FailedRecordCount: 2, Records: [ok(1), throttled, ok(3), throttled, ok(5)] })
      .resolvesOnce({ FailedRecordCount: 0, Records: [ok(2), ok(4)] });
    const input = ["a", "b", "c", "d", "e"].map((data) => ({ partitionKey: "auth0|ada", data }));

    const results = await producer().put("roster-test-users", input);

    expect(sent()).toEqual([
      ["a", "b", "c", "d", "e"],
      ["b", "d"],
    ]);
    expect(results.map((r) => r.sequenceNumber)).toEqual(["seq-1", "seq-2", "seq-3", "seq-4", "seq-5"]);
    expect(pauses).toEqual([100]);
  });

  it("gives up after its attempts with a StreamPublishError naming counts and codes, never the data", async () => {
    kinesis.reset();
    pauses.length = 0;
    kinesis.on(PutRecordsCommand).callsFake((input: PutRecordsCommandInput) => ({
      FailedRecordCount: 1,
      Records: (input.Records ?? []).map((r, i) =>
        decoder.decode(r.Data).includes("secret") ? throttled : ok(i),
      ),
    }));
    const input = [
      { partitionKey: "auth0|ada", data: '{"email":"ada-secret@example.com"}' },
      { partitionKey: "auth0|bob", data: '{"email":"bob@example.com"}' },
    ];

    const putting = producer().put("roster-test-users", input);

    await expect(putting).rejects.toThrow(
      "1 of 2 records were not put on roster-test-users (ProvisionedThroughputExceededException)",
    );
    const error = (await putting.catch((e: unknown) => e)) as StreamPublishError;
    expect(error).toMatchObject({ name: "StreamPublishError", failed: 1, total: 2 });
    expect(error.message).not.toContain("example.com");
    expect(sent()).toHaveLength(4);
    expect(pauses).toEqual([100, 200, 400]);
  });

  it("does not send the chunks after one that failed, and counts them as not put", async () => {
    kinesis.reset();
    kinesis.on(PutRecordsCommand).resolves({
      FailedRecordCount: 500,
      Records: Array.from({ length: 500 }, () => ({ ErrorCode: "InternalFailure" })),
    });

    const putting = producer(1).put("roster-test-users", records(700, 3));

    await expect(putting).rejects.toThrow(
      "700 of 700 records were not put on roster-test-users (InternalFailure)",
    );
    expect(sent()).toHaveLength(1);
  });
});
