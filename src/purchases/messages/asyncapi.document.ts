import { SoftOptInMessage } from "../../contracts/purchases/soft-opt-in.message.ts";
import {
  asyncApiHead,
  channel,
  examplesOf,
  type MessageSpec,
  messageComponents,
  operation,
} from "../../platform/events/asyncapi.builder.ts";
import { FetchMessageSchema } from "./fetch.message.ts";
import { SnapshotMessageSchema } from "./snapshot.message.ts";

export const PURCHASES_ASYNCAPI_VERSION = "0.1.0";

const MESSAGES: Record<string, MessageSpec> = {
  SoftOptIn: {
    schema: SoftOptInMessage,
    summary:
      "A new in-app subscriber's soft opt-in (Acquisition) or its end when the subscription was deleted (Cancellation), for the User Service's consent records. No personal data beyond the user id.",
    examples: examplesOf(SoftOptInMessage, ["acquisition"]),
  },
  FetchSubscription: {
    schema: FetchMessageSchema,
    summary:
      "Read a store subscription's state again (a notification, a link, revalidation, a replay asked).",
    examples: examplesOf(FetchMessageSchema, ["notification"]),
    type: "command",
  },
  SubscriptionSnapshot: {
    schema: SnapshotMessageSchema,
    summary: "One change of a subscription as the data lake receives it (tokens digested, no account token).",
    examples: examplesOf(SnapshotMessageSchema, ["renewed"]),
  },
};

/** The Purchases Service's queues (issue 14), from the zod schemas. */
export function purchasesAsyncApiDocument() {
  return {
    ...asyncApiHead(
      {
        title: "Roster Purchases Service messages",
        version: PURCHASES_ASYNCAPI_VERSION,
        description:
          "The soft opt-in queue the User Service reads, the FIFO fetch queue (message group = the subscription, so one subscription's fetches run in order) and the historical snapshot queue. Bodies are JSON, no envelope.",
        tags: [{ name: "purchases", description: "What the Purchases Service sends and reads" }],
      },
      ["sqs"],
    ),
    channels: {
      softOptIns: channel(
        "sqs",
        "{stage}-purchases-soft-opt-ins",
        "SQS queue of soft opt-ins; the User Service records each as a consent item, once per message_id.",
        ["SoftOptIn"],
      ),
      fetch: channel(
        "sqs",
        "{stage}-purchases-fetch.fifo",
        "SQS FIFO queue of fetches: MessageGroupId the subscription (SHA-256), MessageDeduplicationId the request (SHA-256).",
        ["FetchSubscription"],
      ),
      snapshots: channel(
        "sqs",
        "{stage}-purchases-snapshots",
        "SQS queue of historical snapshots, archived as gzipped NDJSON by day in the object store.",
        ["SubscriptionSnapshot"],
      ),
    },
    operations: {
      sendSoftOptIns: operation("send", "softOptIns", ["SoftOptIn"], {
        summary: "The link and subscription change feeds' workers.",
        description:
          "Acquisition when a user is linked and the state is known (not for a link an upgrade carried over, nor a subscription expired 30 days); Cancellation for every linked user when the TTL deletes the subscription (none for a replaced one).",
        tag: "purchases",
      }),
      sendFetches: operation("send", "fetch", ["FetchSubscription"], {
        summary: "The push routes, the link routes, revalidation and the replay.",
        description: "At most once per request id within SQS's five-minute deduplication window.",
        tag: "purchases",
      }),
      receiveFetches: operation("receive", "fetch", ["FetchSubscription"], {
        summary: "The fetch worker.",
        description:
          "Reads the store's state and keeps it if newer by the store's signed date; a retryable failure holds the group back for a retry, a terminal one is recorded.",
        tag: "purchases",
      }),
      sendSnapshots: operation("send", "snapshots", ["SubscriptionSnapshot"], {
        summary: "The subscription change feed's worker.",
        description: "One snapshot per stored version, its day the day of the change.",
        tag: "purchases",
      }),
      receiveSnapshots: operation("receive", "snapshots", ["SubscriptionSnapshot"], {
        summary: "The snapshot archiver.",
        description:
          "Writes each snapshot as `purchases/snapshots/date=D/{subscription}/v{version}.ndjson.gz`, once: a redelivery finds the same document.",
        tag: "purchases",
      }),
    },
    components: { messages: messageComponents(MESSAGES) },
  };
}
