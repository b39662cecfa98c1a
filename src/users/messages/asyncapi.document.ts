import * as z from "zod";
import {
  PaymentProcessedV0Schema,
  PaymentProcessedV1Schema,
} from "../../contracts/payments/payments.message.ts";
import { SubscriptionRecordSchema } from "../../contracts/subscriptions/subscriptions.message.ts";
import { MembershipChangedSchema, UserChangedSchema } from "../../contracts/users/users.message.ts";
import { CLEANUP_MESSAGE_EXAMPLE, CleanupMessageSchema } from "./cleanup.message.ts";

export const ASYNCAPI_VERSION = "0.1.0";

interface MessageSpec {
  readonly schema: z.ZodType;
  readonly summary: string;
  /** One example per entry of the schema's `examples` meta; the first word of each names it. */
  readonly examples: readonly { readonly name: string; readonly payload: unknown }[];
}

function examplesOf(schema: z.ZodType, names: readonly string[]) {
  const examples = (schema.meta()?.examples ?? []) as readonly unknown[];
  return examples.map((payload, i) => ({ name: names[i] ?? `example-${i + 1}`, payload }));
}

/** AsyncAPI's default schema format is a superset of JSON Schema draft 07, so zod emits draft 07. */
function payloadOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { target: "draft-7" });
  return json;
}

const MESSAGES: Record<string, MessageSpec> = {
  PaymentProcessedV0: {
    schema: PaymentProcessedV0Schema,
    summary: "A payment's status, format 0.0.1.",
    examples: examplesOf(PaymentProcessedV0Schema, ["confirmed"]),
  },
  PaymentProcessedV1: {
    schema: PaymentProcessedV1Schema,
    summary: "A payment's status, format 1.0.0; CHARGED_BACK makes the payment worker ban the user.",
    examples: examplesOf(PaymentProcessedV1Schema, ["charged-back"]),
  },
  SubscriptionUpdated: {
    schema: SubscriptionRecordSchema,
    summary: "A subscription changed; the subscription worker acts on pause-skipped and pause-resume.",
    examples: examplesOf(SubscriptionRecordSchema, ["pause-skipped", "pause-resume"]),
  },
  UserChanged: {
    schema: UserChangedSchema,
    summary: "A new USER version was written; the payload is the full user object.",
    examples: examplesOf(UserChangedSchema, ["user-updated"]),
  },
  MembershipChanged: {
    schema: MembershipChangedSchema,
    summary: "A new MEMBERSHIP record was written; the payload is the full membership object.",
    examples: examplesOf(MembershipChangedSchema, ["sub-resumed"]),
  },
  CleanupRequested: {
    schema: CleanupMessageSchema,
    summary: "A membership ended: clean up the user's Plaid items, Auth0 account and Array data.",
    examples: [{ name: "cancel", payload: CLEANUP_MESSAGE_EXAMPLE }],
  },
};

const stage = { description: "The deployment stage, e.g. prod or local.", examples: ["prod", "local"] };

function channel(address: string, description: string, messages: readonly string[]) {
  return {
    address,
    description,
    parameters: { stage },
    messages: Object.fromEntries(messages.map((m) => [m, { $ref: `#/components/messages/${m}` }])),
  };
}

function operation(
  action: "send" | "receive",
  channelId: string,
  messages: readonly string[],
  summary: string,
) {
  return {
    action,
    summary,
    channel: { $ref: `#/channels/${channelId}` },
    messages: messages.map((m) => ({ $ref: `#/channels/${channelId}/messages/${m}` })),
  };
}

/** The User Service's streams and queue (seeds 000 and 004, issue 5), built from the zod schemas. */
export function asyncApiDocument() {
  const payments = ["PaymentProcessedV0", "PaymentProcessedV1"];
  const users = ["UserChanged", "MembershipChanged"];
  return {
    asyncapi: "3.0.0",
    info: {
      title: "Roster User Service events",
      version: ASYNCAPI_VERSION,
      description:
        "Kinesis streams and the SQS cleanup queue of the User Service. Stream records share the " +
        "envelope { event_id, event_type, version, occurred_at, payload }; the cleanup message has none.",
    },
    defaultContentType: "application/json",
    channels: {
      payments: channel("{stage}-payments", "Kinesis stream of the Payment Service.", payments),
      subscriptions: channel("{stage}-subscriptions", "Kinesis stream of the Subscription Service.", [
        "SubscriptionUpdated",
      ]),
      users: channel(
        "{stage}-user-service-users",
        "Kinesis stream written by the kinesis feeder, partition key user_id.",
        users,
      ),
      cleanup: channel("{stage}-user-service-cleanup", "SQS queue read by the cleanup worker.", [
        "CleanupRequested",
      ]),
    },
    operations: {
      receivePayments: operation("receive", "payments", payments, "The payment worker."),
      receiveSubscriptions: operation(
        "receive",
        "subscriptions",
        ["SubscriptionUpdated"],
        "The subscriptions worker.",
      ),
      sendUsers: operation(
        "send",
        "users",
        users,
        "The kinesis feeder, one record per USER or MEMBERSHIP write.",
      ),
      sendCleanup: operation(
        "send",
        "cleanup",
        ["CleanupRequested"],
        "Membership completion and account closure.",
      ),
      receiveCleanup: operation("receive", "cleanup", ["CleanupRequested"], "The cleanup worker."),
    },
    components: {
      messages: Object.fromEntries(
        Object.entries(MESSAGES).map(([id, m]) => [
          id,
          {
            name: id,
            title: m.schema.meta()?.title,
            summary: m.summary,
            payload: payloadOf(m.schema),
            examples: m.examples,
          },
        ]),
      ),
    },
  };
}
