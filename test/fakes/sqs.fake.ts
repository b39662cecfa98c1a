import { createHash } from "node:crypto";
import { LoopbackServer, type Received } from "../support/loopback-server.ts";

export interface SendMessageOnTheWire {
  readonly QueueUrl: string;
  readonly MessageBody: string;
}

/**
 * SQS's side of SendMessage over its JSON protocol (`X-Amz-Target: AmazonSQS.SendMessage`,
 * `application/x-amz-json-1.0`): answers `{ MessageId, MD5OfMessageBody }` (the SDK checks the MD5).
 * `refuse` names an error type to answer with (400) instead.
 */
export async function startFakeSqs(refuse: () => string | undefined = () => undefined) {
  const sent: SendMessageOnTheWire[] = [];
  let nextId = 1;
  const server = await LoopbackServer.start(async (request: Received) => {
    if (request.headers["x-amz-target"] !== "AmazonSQS.SendMessage") {
      return { status: 400, body: { __type: "com.amazonaws.sqs#UnsupportedOperation" } };
    }
    const code = refuse();
    if (code) return { status: 400, body: { __type: `com.amazonaws.sqs#${code}`, message: "refused" } };
    const message = JSON.parse(request.body) as SendMessageOnTheWire;
    sent.push(message);
    const md5 = createHash("md5").update(message.MessageBody).digest("hex");
    return { status: 200, body: { MessageId: `message-${nextId++}`, MD5OfMessageBody: md5 } };
  });
  return { server, sent };
}
