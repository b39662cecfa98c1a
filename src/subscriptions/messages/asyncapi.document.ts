import {
  PaymentProcessedV0Schema,
  PaymentProcessedV1Schema,
} from "../../contracts/payments/payments.message.ts";
import {
  UserSubscriptionCancelled,
  UserSubscriptionStarted,
} from "../../contracts/subscriptions/catalog.events.ts";
import { ShipmentRequested } from "../../contracts/subscriptions/fulfilment.events.ts";
import { SubscriptionNotification } from "../../contracts/subscriptions/notification.message.ts";
import { SubscriptionRecordSchema } from "../../contracts/subscriptions/subscriptions.message.ts";
import { MembershipChangedSchema } from "../../contracts/users/users.message.ts";
import {
  asyncApiHead,
  channel,
  examplesOf,
  type MessageSpec,
  messageComponents,
  operation,
} from "../../platform/events/asyncapi.builder.ts";

export const SUBSCRIPTIONS_ASYNCAPI_VERSION = "0.1.0";

const MESSAGES: Record<string, MessageSpec> = {
  SubscriptionUpdatedV1: {
    schema: SubscriptionRecordSchema,
    summary:
      "Every change of a subscription (`updated_event`): pause-skipped and pause-resume drive the User Service's subscriptions worker; the others are for any consumer.",
    examples: examplesOf(SubscriptionRecordSchema, ["pause-skipped", "pause-resume"]),
  },
  UserSubscriptionStarted: {
    schema: UserSubscriptionStarted,
    summary: "A subscription started (the catalogue's event, exactly its fields).",
    examples: examplesOf(UserSubscriptionStarted, ["started"]),
  },
  UserSubscriptionCancelled: {
    schema: UserSubscriptionCancelled,
    summary: "A subscription ended: cancelled now, at its period's end, or when its recovery window ran out.",
    examples: examplesOf(UserSubscriptionCancelled, ["payment-failure"]),
  },
  ShipmentRequested: {
    schema: ShipmentRequested,
    summary:
      "A paid period of a SHIPPING subscription, for the carrier's adapter (CreateShipment's shape; `orderId` is the cycle).",
    examples: examplesOf(ShipmentRequested, ["standard"]),
  },
  SubscriptionNotification: {
    schema: SubscriptionNotification,
    summary:
      "A notice for the member (a receipt, a failed payment, a pause ending, a pickup code...), for the email and push sender outside Roster. No card data, no personal data beyond the user id.",
    examples: examplesOf(SubscriptionNotification, ["renewal-receipt"]),
  },
  PaymentProcessedV0: {
    schema: PaymentProcessedV0Schema,
    summary: "A payment's status, format 0.0.1.",
    examples: examplesOf(PaymentProcessedV0Schema, ["confirmed"]),
  },
  PaymentProcessedV1: {
    schema: PaymentProcessedV1Schema,
    summary: "A charge's outcome; CHARGED_BACK when a renewal is disputed.",
    examples: examplesOf(PaymentProcessedV1Schema, ["charged-back"]),
  },
  MembershipChanged: {
    schema: MembershipChangedSchema,
    summary:
      "A membership record of the User Service; BANNED, CLOSEACCOUNT and CANCELLED end billing at once.",
    examples: examplesOf(MembershipChangedSchema, ["resumed"]),
  },
};

/** The Subscription Service's stream and bus events, and what it reads (issue 13), from the zod schemas. */
export function subscriptionsAsyncApiDocument() {
  return {
    ...asyncApiHead(
      {
        title: "Roster Subscription Service events",
        version: SUBSCRIPTIONS_ASYNCAPI_VERSION,
        description:
          "The `subscriptions` Kinesis stream (records in the envelope { event_id, event_type, version, occurred_at, payload }, partition key the user, relayed from the service's outbox in commit order), the catalogue's bus events and the shipment requests on EventBridge (source `roster.subscriptions`), the members' notices on SQS, and the streams the service reads.",
        tags: [
          { name: "subscriptions", description: "What the Subscription Service tells the others and hears" },
        ],
      },
      ["kinesis", "eventbridge", "sqs"],
    ),
    channels: {
      subscriptions: channel(
        "kinesis",
        "{stage}-subscriptions",
        "Kinesis stream of the Subscription Service, partition key user_id.",
        ["SubscriptionUpdatedV1"],
      ),
      bus: channel(
        "eventbridge",
        "{stage}-roster",
        "The stage's event bus: source roster.subscriptions, detail-type the event's name, detail its fields.",
        ["UserSubscriptionStarted", "UserSubscriptionCancelled", "ShipmentRequested"],
      ),
      notifications: channel(
        "sqs",
        "{stage}-subscription-notifications",
        "SQS queue of the members' notices (a JSON body per message, no envelope): the email and push sender outside Roster reads it and dedupes on notification_id.",
        ["SubscriptionNotification"],
      ),
      payments: channel("kinesis", "{stage}-payments", "The Payment Service's stream.", [
        "PaymentProcessedV1",
        "PaymentProcessedV0",
      ]),
      users: channel("kinesis", "{stage}-user-service-users", "The User Service's stream.", [
        "MembershipChanged",
      ]),
    },
    operations: {
      sendSubscriptions: operation("send", "subscriptions", ["SubscriptionUpdatedV1"], {
        summary: "The outbox relay.",
        description:
          "Every committed change (the API's and the billing runner's), written in its transaction and relayed in order per user; a crash between the put and the relay's mark sends a record again, so consumers dedupe on event_id.",
        tag: "subscriptions",
      }),
      sendBus: operation(
        "send",
        "bus",
        ["UserSubscriptionStarted", "UserSubscriptionCancelled", "ShipmentRequested"],
        {
          summary: "The outbox relay, to the bus.",
          description:
            "At least once, like every EventBridge delivery: consumers dedupe on subscriptionId and the event (a carrier on orderId).",
          tag: "subscriptions",
        },
      ),
      sendNotifications: operation("send", "notifications", ["SubscriptionNotification"], {
        summary: "The outbox relay, to the notices queue.",
        description:
          "One notice per change a member should hear of (notification.message.ts lists the kinds), written in the change's transaction; at least once, so the sender dedupes on notification_id.",
        tag: "subscriptions",
      }),
      receivePayments: operation("receive", "payments", ["PaymentProcessedV1", "PaymentProcessedV0"], {
        summary: "The payments worker.",
        description:
          "PaymentProcessed of a renewal confirms or fails its cycle's charge (when the charge's answer was lost); CHARGED_BACK marks the cycle disputed. Other records are skipped.",
        tag: "subscriptions",
      }),
      receiveUsers: operation("receive", "users", ["MembershipChanged"], {
        summary: "The users worker.",
        description:
          "A membership BANNED, CLOSEACCOUNT or CANCELLED ends billing at once, idempotently; PAUSE_COLLECTION_SKIPPED (the User Service's own reaction to pause-skipped) is ignored, as seed 004 intends.",
        tag: "subscriptions",
      }),
    },
    components: { messages: messageComponents(MESSAGES) },
  };
}
