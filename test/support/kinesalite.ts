/// <reference path="./kinesalite.d.ts" />
// The reference keeps kinesalite's types in the program: with kinesalite.ts beside it, tsconfig's
// `include` would take kinesalite.d.ts for this file's declaration output and leave it out.
import type { AddressInfo } from "node:net";
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
} from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import kinesalite from "kinesalite";

const credentials = { accessKeyId: "AKIDROSTERTEST00001", secretAccessKey: "roster-test-secret-key" };
const decoder = new TextDecoder();

/** An in-memory Kinesis on a loopback port; streams become ACTIVE at once. */
export interface Kinesalite {
  readonly endpoint: string;
  /** A new client of this server; the caller destroys it. */
  client(): KinesisClient;
  stop(): Promise<void>;
}

/** A record as read back from a shard. */
export interface LandedRecord {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  readonly data: string;
}

export async function startKinesalite(shardLimit = 100): Promise<Kinesalite> {
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    client: () =>
      new KinesisClient({
        region: "us-east-1",
        endpoint,
        credentials,
        // The Kinesis client defaults to an HTTP/2 handler, which kinesalite (HTTP/1.1) cannot answer.
        requestHandler: new NodeHttpHandler(),
      }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Creates `name` with `shards` shards and waits until it is ACTIVE; refuses a name lacking "test". */
export async function createTestStream(client: KinesisClient, name: string, shards: number): Promise<string> {
  if (!name.includes("test")) throw new Error(`refusing a stream whose name lacks "test": ${name}`);
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  for (let i = 0; i < 50; i++) {
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    if (summary.StreamDescriptionSummary?.StreamStatus === "ACTIVE") return name;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`stream ${name} did not become ACTIVE`);
}

/** Every record of the stream, shard by shard, in each shard's order. */
export async function readStream(client: KinesisClient, stream: string): Promise<LandedRecord[]> {
  const shards = (await client.send(new ListShardsCommand({ StreamName: stream }))).Shards ?? [];
  const landed: LandedRecord[] = [];
  for (const { ShardId } of shards) {
    const shardId = ShardId as string;
    let iterator = (
      await client.send(
        new GetShardIteratorCommand({
          StreamName: stream,
          ShardId: shardId,
          ShardIteratorType: "TRIM_HORIZON",
        }),
      )
    ).ShardIterator;
    while (iterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
      for (const r of page.Records ?? []) {
        landed.push({
          shardId,
          sequenceNumber: r.SequenceNumber as string,
          partitionKey: r.PartitionKey as string,
          data: decoder.decode(r.Data),
        });
      }
      // kinesalite always answers a next iterator; an empty page means the shard is read to its end.
      iterator = page.Records?.length ? page.NextShardIterator : undefined;
    }
  }
  return landed;
}
