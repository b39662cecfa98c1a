import { createHash } from "node:crypto";
import { LoopbackServer, type Received } from "../support/loopback-server.ts";

export interface SendMessageOnTheWire {
  readonly QueueUrl: string;
  readonly MessageBody: string;
  /** FIFO queues: as the request carried them (absent for a standard queue's message). */
  readonly MessageGroupId?: string;
  readonly MessageDeduplicationId?: string;
}

interface BatchEntryOnTheWire {
  readonly Id: string;
  readonly MessageBody: string;
  readonly MessageGroupId?: string;
  readonly MessageDeduplicationId?: string;
}

const md5 = (body: string) => createHash("md5").update(body).digest("hex");

/**
 * SQS's side of SendMessage and SendMessageBatch over its JSON protocol (`X-Amz-Target:
 * AmazonSQS.SendMessage`, `application/x-amz-json-1.0`): answers `{ MessageId, MD5OfMessageBody }`
 * (the SDK checks the MD5), per entry for a batch, and records every message taken, a batch's entries
 * in their order as single messages. `refuse` names an error type to answer with (400) instead.
 */
export async function startFakeSqs(refuse: () => string | undefined = () => undefined) {
  const sent: SendMessageOnTheWire[] = [];
  /** How many entries each SendMessageBatch request carried. */
  const batches: number[] = [];
  let nextId = 1;
  const take = (message: SendMessageOnTheWire) => {
    sent.push(message);
    return { MessageId: `message-${nextId++}`, MD5OfMessageBody: md5(message.MessageBody) };
  };
  const server = await LoopbackServer.start(async (request: Received) => {
    const target = request.headers["x-amz-target"];
    if (target !== "AmazonSQS.SendMessage" && target !== "AmazonSQS.SendMessageBatch") {
      return { status: 400, body: { __type: "com.amazonaws.sqs#UnsupportedOperation" } };
    }
    const code = refuse();
    if (code) return { status: 400, body: { __type: `com.amazonaws.sqs#${code}`, message: "refused" } };
    if (target === "AmazonSQS.SendMessage")
      return { status: 200, body: take(JSON.parse(request.body) as SendMessageOnTheWire) };
    const { QueueUrl, Entries } = JSON.parse(request.body) as {
      QueueUrl: string;
      Entries: BatchEntryOnTheWire[];
    };
    batches.push(Entries.length);
    const Successful = Entries.map(({ Id, ...entry }) => ({ Id, ...take({ QueueUrl, ...entry }) }));
    return { status: 200, body: { Successful, Failed: [] } };
  });
  return { server, sent, batches };
}
