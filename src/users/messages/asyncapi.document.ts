import {
  PaymentDisputeUpdatedV1Schema,
  PaymentProcessedV0Schema,
  PaymentProcessedV1Schema,
  PaymentRefundedV1Schema,
} from "../../contracts/payments/payments.message.ts";
import { SoftOptInMessage } from "../../contracts/purchases/soft-opt-in.message.ts";
import { SubscriptionRecordSchema } from "../../contracts/subscriptions/subscriptions.message.ts";
import { MembershipChangedSchema, UserChangedSchema } from "../../contracts/users/users.message.ts";
import {
  asyncApiHead,
  channel,
  examplesOf,
  type MessageSpec,
  messageComponents,
  operation,
} from "../../platform/events/asyncapi.builder.ts";
import { CLEANUP_MESSAGE_EXAMPLE, CleanupMessageSchema } from "./cleanup.message.ts";

export const ASYNCAPI_VERSION = "0.1.0";

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
  PaymentRefundedV1: {
    schema: PaymentRefundedV1Schema,
    summary: "A refund of a charge; the payment worker skips it.",
    examples: examplesOf(PaymentRefundedV1Schema, ["succeeded"]),
  },
  PaymentDisputeUpdatedV1: {
    schema: PaymentDisputeUpdatedV1Schema,
    summary: "A dispute opened, moved or closed; the payment worker skips it (the ban follows CHARGED_BACK).",
    examples: examplesOf(PaymentDisputeUpdatedV1Schema, ["needs-response"]),
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
  SoftOptIn: {
    schema: SoftOptInMessage,
    summary:
      "The Purchases Service's soft opt-in of an in-app subscriber (Acquisition) or its end (Cancellation).",
    examples: examplesOf(SoftOptInMessage, ["acquisition"]),
  },
};

/** The User Service's streams and queue (seeds 000 and 004, issue 5), built from the zod schemas. */
export function asyncApiDocument() {
  const payments = [
    "PaymentProcessedV0",
    "PaymentProcessedV1",
    "PaymentRefundedV1",
    "PaymentDisputeUpdatedV1",
  ];
  const users = ["UserChanged", "MembershipChanged"];
  return {
    ...asyncApiHead(
      {
        title: "Roster User Service events",
        version: ASYNCAPI_VERSION,
        description:
          "Kinesis streams and the SQS cleanup queue of the User Service, and the Purchases Service's soft opt-in queue it reads. Stream records share the " +
          "envelope { event_id, event_type, version, occurred_at, payload }; the cleanup message has none.",
        tags: [
          { name: "users", description: "The User Service's own streams and queue" },
          { name: "billing", description: "Streams of the Payment and Subscription services it reads" },
        ],
      },
      ["kinesis", "sqs"],
    ),
    channels: {
      payments: channel("kinesis", "{stage}-payments", "Kinesis stream of the Payment Service.", payments),
      subscriptions: channel(
        "kinesis",
        "{stage}-subscriptions",
        "Kinesis stream of the Subscription Service.",
        ["SubscriptionUpdated"],
      ),
      users: channel(
        "kinesis",
        "{stage}-user-service-users",
        "Kinesis stream written by the kinesis feeder, partition key user_id.",
        users,
      ),
      cleanup: channel("sqs", "{stage}-user-service-cleanup", "SQS queue read by the cleanup worker.", [
        "CleanupRequested",
      ]),
      softOptIns: channel(
        "sqs",
        "{stage}-purchases-soft-opt-ins",
        "SQS queue of the Purchases Service, read by the soft opt-in worker.",
        ["SoftOptIn"],
      ),
    },
    operations: {
      receivePayments: operation("receive", "payments", payments, {
        summary: "The payment worker.",
        description:
          "Reads the Payment Service's records in order; a CHARGED_BACK payment of a user with EnableChargebackBan on bans the user through the User Service API. Other statuses, refunds and disputes are skipped.",
        tag: "billing",
      }),
      receiveSubscriptions: operation("receive", "subscriptions", ["SubscriptionUpdated"], {
        summary: "The subscriptions worker.",
        description:
          "Reads the Subscription Service's records, one user's in stream order: pause-skipped records a skipped payment of a paused membership (SUB_PAUSED), pause-resume its resumption (SUB_RESUMED). Other events are skipped.",
        tag: "billing",
      }),
      sendUsers: operation("send", "users", users, {
        summary: "The kinesis feeder, one record per USER or MEMBERSHIP write.",
        description:
          "Follows the users table's change stream and puts one record per new USER version or MEMBERSHIP record on the stream, partition key user_id, so one user's records keep their order.",
        tag: "users",
      }),
      sendCleanup: operation("send", "cleanup", ["CleanupRequested"], {
        summary: "Membership completion and account closure.",
        description:
          "When a cancellation completes or an account is closed, the User Service queues the cleanup of what the user leaves at other services.",
        tag: "users",
      }),
      receiveCleanup: operation("receive", "cleanup", ["CleanupRequested"], {
        summary: "The cleanup worker.",
        description:
          "Removes the user's Plaid items at the Transactions Service, their Auth0 account and their Array data; a failed message is retried, then dead-lettered.",
        tag: "users",
      }),
      receiveSoftOptIns: operation("receive", "softOptIns", ["SoftOptIn"], {
        summary: "The soft opt-in worker.",
        description:
          "Records each opt-in as a consent item (`soft_opt_in_<product>`, a Cancellation as `soft_opt_in_<product>_withdrawn`: consents are append-only) at the message's time, so a redelivery records nothing twice; a user it does not know is skipped.",
        tag: "users",
      }),
    },
    components: { messages: messageComponents(MESSAGES) },
  };
}
