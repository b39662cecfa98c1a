/**
 * The catalogue as data, read from the four AsyncAPI documents so it can never disagree with them: a
 * message's producer is the service whose document sends on its channel, its consumers those whose
 * documents receive it there. A message is named and versioned by its schema's title ("PaymentProcessed
 * 1.0.0"); a title without a version is 1.0.0. A message is an event unless its document says otherwise
 * with EventCatalog's extension `x-eventcatalog-message-type` (FetchSubscription is a command). Beside
 * them, the commands and queries each service receives over HTTP, from its contract module.
 */
export interface AsyncApiDocument {
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly channels: Readonly<Record<string, DocChannel>>;
  readonly operations: Readonly<Record<string, DocOperation>>;
  readonly components: { readonly messages: Readonly<Record<string, DocMessage>> };
}
interface DocChannel {
  readonly address: string;
  readonly description: string;
  readonly servers: readonly { readonly $ref: string }[];
  readonly messages: Readonly<Record<string, unknown>>;
}
interface DocOperation {
  readonly action: "send" | "receive";
  readonly channel: { readonly $ref: string };
  readonly messages: readonly { readonly $ref: string }[];
}
interface DocMessage {
  readonly title?: string;
  readonly "x-eventcatalog-message-type"?: MessageType;
  readonly summary: string;
  readonly payload: Record<string, unknown>;
  readonly examples: readonly Example[];
}

/** EventCatalog's three kinds of message. */
export type MessageType = "event" | "command" | "query";

interface Example {
  readonly name: string;
  readonly payload: unknown;
}

/**
 * A command or query a service receives over HTTP, as its contract module describes it: the JSON schema
 * of its body (of a query, its path parameters) and of its answer, each with examples, so a reader of the
 * catalogue sees the whole exchange without the OpenAPI document.
 */
export interface CatalogRequest {
  readonly id: string;
  readonly version: string;
  readonly type: Exclude<MessageType, "event">;
  readonly summary: string;
  readonly method: "GET" | "POST";
  /** Relative to the receiving service's base URL, with `{name}` path parameters. */
  readonly path: string;
  /** Who may send it (the route's principals: the user themself, services, operators). */
  readonly callers: readonly string[];
  readonly schema: Record<string, unknown>;
  readonly examples: readonly Example[];
  readonly answer: {
    readonly status: number;
    readonly schema: Record<string, unknown>;
    readonly examples: readonly Example[];
  };
}

/** A request with the service that receives it. */
export interface ReceivedRequest extends CatalogRequest {
  readonly receiver: string;
}

export interface CatalogService {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly summary: string;
  readonly document: AsyncApiDocument;
  readonly requests: readonly CatalogRequest[];
}

/**
 * A catalogue service from its entry (ids, names, seed 002's version, the requests its contract module
 * lists) and its AsyncAPI document.
 */
export function catalogService(
  entry: {
    readonly id: string;
    readonly name: string;
    readonly version?: string;
    readonly summary?: string;
    readonly requests?: readonly CatalogRequest[];
  },
  document: AsyncApiDocument,
): CatalogService {
  return {
    id: entry.id,
    name: entry.name,
    version: entry.version ?? document.info.version,
    summary: entry.summary ?? document.info.description,
    document,
    requests: entry.requests ?? [],
  };
}

export interface CatalogEvent {
  readonly id: string;
  readonly version: string;
  readonly type: MessageType;
  readonly summary: string;
  readonly schema: Record<string, unknown>;
  readonly examples: readonly Example[];
  readonly channel: string;
  readonly producer: string;
  readonly consumers: readonly string[];
}

export interface CatalogChannel {
  readonly id: string;
  readonly address: string;
  readonly protocol: string;
  readonly summary: string;
  readonly owner: string;
}

export interface Catalog {
  readonly services: readonly CatalogService[];
  /** What the services exchange on their channels: events, and the commands a queue carries. */
  readonly events: readonly CatalogEvent[];
  readonly channels: readonly CatalogChannel[];
  /** What they receive over HTTP. */
  readonly requests: readonly ReceivedRequest[];
}

/** "PaymentProcessed 1.0.0" → { id: "PaymentProcessed", version: "1.0.0" }. */
export function nameOf(message: DocMessage, fallback: string) {
  const [id = fallback, version = "1.0.0"] = (message.title ?? fallback).split(" ");
  return { id, version };
}

const last = (ref: string) => ref.split("/").at(-1)!;
const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/**
 * Every message some service sends, with its producer, consumers and channel, and every request some
 * service receives, in a stable order.
 */
export function catalogOf(services: readonly CatalogService[]): Catalog {
  const events = new Map<string, CatalogEvent & { consumers: string[] }>();
  const channels = new Map<string, CatalogChannel>();
  for (const svc of services) {
    const doc = svc.document;
    for (const op of Object.values(doc.operations).filter((o) => o.action === "send")) {
      const channel = doc.channels[last(op.channel.$ref)]!;
      const id = channelId(channel.address);
      channels.set(id, {
        id,
        address: channel.address,
        protocol: last(channel.servers[0]!.$ref),
        summary: channel.description,
        owner: svc.id,
      });
      for (const key of Object.keys(channel.messages)) {
        const message = doc.components.messages[key]!;
        const { id: eventId, version } = nameOf(message, key);
        events.set(`${eventId}@${version}`, {
          id: eventId,
          version,
          type: message["x-eventcatalog-message-type"] ?? "event",
          summary: message.summary,
          schema: message.payload,
          examples: message.examples,
          channel: id,
          producer: svc.id,
          consumers: [],
        });
      }
    }
  }
  for (const svc of services) {
    const doc = svc.document;
    for (const op of Object.values(doc.operations).filter((o) => o.action === "receive")) {
      for (const ref of op.messages) {
        const { id, version } = nameOf(doc.components.messages[last(ref.$ref)]!, last(ref.$ref));
        const event = events.get(`${id}@${version}`);
        if (!event) throw new Error(`${svc.id} receives ${id} ${version}, which no service sends`);
        if (!event.consumers.includes(svc.id)) event.consumers.push(svc.id);
      }
    }
  }
  return {
    services,
    events: [...events.values()].sort(byKey((e) => `${e.id}@${semverKey(e.version)}`)),
    channels: [...channels.values()].sort(byKey((c) => c.id)),
    requests: services.flatMap((svc) => svc.requests.map((request) => ({ ...request, receiver: svc.id }))),
  };
}

/** "1.10.0" sorts after "1.9.0". */
const semverKey = (version: string) =>
  version
    .split(".")
    .map((part) => part.padStart(6, "0"))
    .join(".");

/** "{stage}-purchases-fetch.fifo" → "purchases-fetch.fifo": the stage is the channel's parameter. */
function channelId(address: string) {
  return address.replace("{stage}-", "");
}
