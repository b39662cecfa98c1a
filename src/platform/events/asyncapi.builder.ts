import * as z from "zod";
import { ROSTER_CONTACT, ROSTER_LICENSE } from "../http/openapi.document.ts";

/**
 * The parts of an AsyncAPI 3.0 document every service builds alike from its zod schemas: messages with
 * their examples, channels on the stage's AWS servers, operations. Each service's document lists its
 * own channels and operations (`src/<svc>/messages/asyncapi.document.ts`).
 */
export interface MessageSpec {
  readonly schema: z.ZodType;
  readonly summary: string;
  readonly examples: readonly { readonly name: string; readonly payload: unknown }[];
  /**
   * AsyncAPI calls everything a message; a message that asks a service to act is a command, said
   * with EventCatalog's extension `x-eventcatalog-message-type` (absent: an event).
   */
  readonly type?: "command";
}

/** One example per entry of the schema's `examples` meta, named in order. */
export function examplesOf(schema: z.ZodType, names: readonly string[]) {
  const examples = (schema.meta()?.examples ?? []) as readonly unknown[];
  return examples.map((payload, i) => ({ name: names[i] ?? `example-${i + 1}`, payload }));
}

/** AsyncAPI's default schema format is a superset of JSON Schema draft 07, so zod emits draft 07. */
export function payloadOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { target: "draft-7" });
  return json;
}

const stage = { description: "The deployment stage, e.g. prod or local.", examples: ["prod", "local"] };
const region = { default: "us-east-1", description: "The AWS region of the stage." };

/** Where the channels live on AWS; locally the one process holds them (`npm run events` reads them). */
export const ASYNCAPI_SERVERS = {
  kinesis: {
    host: "kinesis.{region}.amazonaws.com",
    protocol: "kinesis",
    title: "Amazon Kinesis Data Streams",
    description: "The stage's Kinesis streams; locally, streams of the one process under its data folder.",
    variables: { region },
  },
  eventbridge: {
    host: "events.{region}.amazonaws.com",
    protocol: "eventbridge",
    title: "Amazon EventBridge",
    description: "The stage's event bus; locally, the one process's bus under its data folder.",
    variables: { region },
  },
  sqs: {
    host: "sqs.{region}.amazonaws.com",
    protocol: "sqs",
    title: "Amazon SQS",
    description: "The stage's SQS queues; locally, queues of the one process under its data folder.",
    variables: { region },
  },
} as const;

export interface AsyncApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
  readonly tags: readonly { readonly name: string; readonly description: string }[];
}

/**
 * The head of every service's document: AsyncAPI 3.0, its info with Roster's contact and licence, JSON
 * by default, and the servers (of ASYNCAPI_SERVERS) its channels live on.
 */
export function asyncApiHead(info: AsyncApiInfo, servers: readonly (keyof typeof ASYNCAPI_SERVERS)[]) {
  return {
    asyncapi: "3.0.0",
    info: {
      title: info.title,
      version: info.version,
      description: info.description,
      contact: { ...ROSTER_CONTACT },
      license: { name: ROSTER_LICENSE.name, url: "https://www.apache.org/licenses/LICENSE-2.0" },
      tags: [...info.tags],
    },
    defaultContentType: "application/json",
    servers: Object.fromEntries(servers.map((server) => [server, ASYNCAPI_SERVERS[server]])),
  };
}

export function channel(
  server: keyof typeof ASYNCAPI_SERVERS,
  address: string,
  description: string,
  messages: readonly string[],
) {
  return {
    address,
    description,
    servers: [{ $ref: `#/servers/${server}` }],
    parameters: { stage },
    messages: Object.fromEntries(messages.map((m) => [m, { $ref: `#/components/messages/${m}` }])),
  };
}

export function operation(
  action: "send" | "receive",
  channelId: string,
  messages: readonly string[],
  text: { readonly summary: string; readonly description: string; readonly tag: string },
) {
  return {
    action,
    summary: text.summary,
    description: text.description,
    tags: [{ name: text.tag }],
    channel: { $ref: `#/channels/${channelId}` },
    messages: messages.map((m) => ({ $ref: `#/channels/${channelId}/messages/${m}` })),
  };
}

/** `components.messages` of the document, from each message's schema, summary and examples. */
export function messageComponents(messages: Readonly<Record<string, MessageSpec>>) {
  return Object.fromEntries(
    Object.entries(messages).map(([id, m]) => [
      id,
      {
        name: id,
        title: m.schema.meta()?.title,
        summary: m.summary,
        ...(m.type ? { "x-eventcatalog-message-type": m.type } : {}),
        payload: payloadOf(m.schema),
        examples: m.examples,
      },
    ]),
  );
}
