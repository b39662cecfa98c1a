import type { Flow } from "@eventcatalog/sdk";
import { flow, MESSAGE, SERVICE, step } from "./steps.ts";

/** Seed 004's three event-driven flows of the User Service: the chargeback ban, pause and resume, the feeder. */
export const USER_FLOWS: readonly Flow[] = [
  flow(
    "ChargebackBan",
    "Payment worker: a chargeback bans the user",
    "A CHARGED_BACK payment on the payments stream makes the User Service's payment worker ban the user, when the EnableChargebackBan flag is on; any other status is logged and skipped.",
    [
      step(1, "A payment's status on {stage}-payments", { message: MESSAGE.PaymentProcessed }, 2),
      step(
        2,
        "Payment worker: is the status CHARGED_BACK?",
        { service: SERVICE.users },
        { id: 3, label: "yes" },
        { id: 6, label: "no" },
      ),
      step(
        3,
        "Is EnableChargebackBan on for the user?",
        { custom: { title: "Feature flag EnableChargebackBan", type: "GrowthBook" } },
        { id: 4, label: "yes" },
        { id: 6, label: "no" },
      ),
      step(
        4,
        'POST /{user_id}/user/ban: "user banned from user-service for returned payment"',
        {
          service: SERVICE.users,
          summary: "As the service payment-worker; 409 (banned already) and 404 are logged and skipped.",
        },
        5,
      ),
      step(
        5,
        "The membership record CANCELLED (BANNED), published by the kinesis feeder",
        { message: MESSAGE.MembershipChanged },
        7,
      ),
      step(6, "Logged and skipped", { custom: { title: "Skip" } }),
      step(7, "Users worker: a CANCELLED membership ends billing at once", {
        service: SERVICE.subscriptions,
      }),
    ],
  ),
  flow(
    "PauseSkipped",
    "Subscriptions worker: pause-skipped",
    "The Subscription Service skipped a billing cycle inside a pause; the User Service's subscriptions worker marks the membership SUB_PAUSED with the event type PAUSE_COLLECTION_SKIPPED, which the Subscription Service ignores (seed 004).",
    [
      step(
        1,
        "Billing runner: a cycle inside the pause is skipped, no charge",
        { service: SERVICE.subscriptions },
        2,
      ),
      step(
        2,
        "updated_event pause-skipped on {stage}-subscriptions",
        { message: MESSAGE.SubscriptionUpdated },
        3,
      ),
      step(
        3,
        "Subscriptions worker: tag MEMBERSHIP_PAUSE_STATUS is SUB_PENDING_PAUSE and the membership not SUB_PAUSED?",
        { service: SERVICE.users },
        { id: 4, label: "yes" },
        { id: 7, label: "no" },
      ),
      step(
        4,
        "One transaction: a SUB_PAUSED membership record (event type PAUSE_COLLECTION_SKIPPED) and the tag SUB_PAUSED",
        { service: SERVICE.users },
        5,
      ),
      step(
        5,
        "Published by the kinesis feeder as PAUSE_COLLECTION_SKIPPED",
        { message: MESSAGE.MembershipChanged },
        6,
      ),
      step(6, "Users worker: PAUSE_COLLECTION_SKIPPED is ignored", { service: SERVICE.subscriptions }),
      step(7, "Nothing written", { custom: { title: "Skip" } }),
    ],
  ),
  flow(
    "PauseResume",
    "Subscriptions worker: pause-resume",
    "The Subscription Service ended a pause; the User Service's subscriptions worker writes a membership in good standing (SUB_RESUMED), archives the pause tag, and tells Segment.",
    [
      step(
        1,
        "The cycle after the last skipped one ends the pause and is charged",
        { service: SERVICE.subscriptions },
        2,
      ),
      step(
        2,
        "updated_event pause-resume on {stage}-subscriptions",
        { message: MESSAGE.SubscriptionUpdated },
        3,
      ),
      step(
        3,
        'Subscriptions worker, one transaction: a membership record "" / SUB_RESUMED (tier and term carried, pause cleared) and the tag archived as SUB_RESUMED',
        { service: SERVICE.users },
        4,
        5,
      ),
      step(4, "Published by the kinesis feeder as SUB_RESUMED", { message: MESSAGE.MembershipChanged }),
      step(5, "Segment user-membership-unpause {email, unpause_date}; the metric user.membership.unpaused", {
        externalSystem: {
          name: "Segment",
          summary: "The notification, deduplicated on the record's event_id.",
        },
      }),
    ],
  ),
  flow(
    "UserChangesFeed",
    "Kinesis feeder: user and membership changes",
    "Every write to the users table reaches the feeder through DynamoDB Streams; USER and MEMBERSHIP items become events on {stage}-user-service-users typed by the record's event_type, others are skipped.",
    [
      step(1, "A write to the users table (DynamoDB Streams)", { service: SERVICE.users }, 2),
      step(
        2,
        "Kinesis feeder: the new image's db_type?",
        { service: SERVICE.users },
        { id: 3, label: "USER" },
        { id: 4, label: "MEMBERSHIP" },
        { id: 6, label: "other or missing" },
      ),
      step(3, "The full user object, partition key user_id", { message: MESSAGE.UserChanged }),
      step(4, "The full membership object, partition key user_id", { message: MESSAGE.MembershipChanged }, 5),
      step(
        5,
        "Users worker: CANCELLED (BANNED, CLOSEACCOUNT, a completed cancellation) ends billing; the rest is skipped",
        { service: SERVICE.subscriptions },
      ),
      step(6, "Skipped (a debug log)", { custom: { title: "Skip" } }),
    ],
  ),
];
