import type { Flow } from "@eventcatalog/sdk";
import { FLOW_VERSION, flow, MESSAGE, SERVICE, step } from "./steps.ts";

const RUNNER = "Billing runner (EventBridge Scheduler every 5 minutes; locally every second)";

/**
 * The Subscription Service's flows: a start and its first charge, renewals with the recovery window, a
 * pause, a cancellation (design: subscriptions.md; src/subscriptions/README.md).
 */
export const SUBSCRIPTION_FLOWS: readonly Flow[] = [
  flow(
    "SubscriptionStart",
    "Subscribe a user: the start and the first charge",
    "A subscription starts with SubscribeUser (or the User Service's activate for a membership) and announces itself at once; its first cycle is due at its start, so the billing runner charges it through the Payment Service a moment later.",
    [
      step(1, "A member's app, a service or an operator", { actor: { name: "Caller" } }, 2),
      step(2, "POST /subscriptions", { message: MESSAGE.SubscribeUser }, 4),
      step(
        3,
        "Or the User Service's activate: POST /subscriptions/users/{user_id}/subscription (a membership)",
        { service: SERVICE.users },
        4,
      ),
      step(
        4,
        "One live subscription per user (else 409): ACTIVE, or TRIAL until a later startDate; the first cycle due",
        { service: SERVICE.subscriptions },
        5,
        6,
        7,
      ),
      step(5, "On the bus, exactly FlowMart's fields", { message: MESSAGE.UserSubscriptionStarted }),
      step(6, "updated_event activated on {stage}-subscriptions", { message: MESSAGE.SubscriptionUpdated }),
      step(7, RUNNER, { service: SERVICE.subscriptions }, 8),
      step(8, "The first period's charge", { flow: { id: "PaymentCharge", version: FLOW_VERSION } }, 9),
      step(
        9,
        "The charge's answer settles the cycle; its PaymentProcessed settles it too if the answer was lost",
        { message: MESSAGE.PaymentProcessed },
        10,
      ),
      step(10, "The cycle PAID: updated_event renewed, the receipt document, the period's fulfilment", {
        service: SERVICE.subscriptions,
      }),
    ],
  ),
  flow(
    "SubscriptionRenewal",
    "A renewal, and the recovery window when it is declined",
    "The billing runner claims each due cycle once and charges it under a key per attempt; a declined renewal enters the recovery window (ADR-018) and, when it is spent, the service cancels the subscription itself (ADR-017).",
    [
      step(1, RUNNER, { service: SERVICE.subscriptions }, 2),
      step(
        2,
        "A due cycle claimed (FOR UPDATE SKIP LOCKED), PROCESSING under a 5-minute lease, its amount fixed",
        { service: SERVICE.subscriptions },
        3,
      ),
      step(
        3,
        "POST /payments/users/{user_id}/charges, key renewal:{cycle_id}:{attempt}",
        { service: SERVICE.payments },
        4,
      ),
      step(
        4,
        "The charge's answer settles the cycle; its PaymentProcessed settles it too if the answer was lost",
        { message: MESSAGE.PaymentProcessed },
        { id: 5, label: "paid" },
        { id: 7, label: "declined" },
      ),
      step(
        5,
        "updated_event renewed (recovered after a failure); the period advances",
        { message: MESSAGE.SubscriptionUpdated },
        6,
      ),
      step(6, "renewal_receipt to the member", { message: MESSAGE.SubscriptionNotification }),
      step(
        7,
        "PAST_DUE, access kept; updated_event payment-failed and a payment_failed notice; retried 1, 3 and 7 days later",
        { message: MESSAGE.SubscriptionUpdated },
        { id: 1, label: "a retry is due" },
        { id: 8, label: "retries and 7 days' grace spent" },
      ),
      step(
        8,
        "Its own cancellation (ADR-017), reason payment_failure: CANCELLED",
        { service: SERVICE.subscriptions },
        9,
        10,
      ),
      step(9, "cancellationReason payment_failure", { message: MESSAGE.UserSubscriptionCancelled }),
      step(10, "Asked to cancel and complete the membership", { service: SERVICE.users }),
    ],
  ),
  flow(
    "SubscriptionPause",
    "A pause skips payments",
    "The User Service pauses a membership's billing for some months; each cycle due inside the pause is skipped without a charge, and the cycle after the last skipped one ends the pause and is charged.",
    [
      step(
        1,
        "POST /subscriptions/users/{user_id}/subscription/pause {months, first_skipped_payment}",
        { service: SERVICE.users },
        2,
      ),
      step(
        2,
        "updated_event pause-scheduled and a pause_scheduled notice",
        { message: MESSAGE.SubscriptionUpdated },
        3,
      ),
      step(
        3,
        "Each cycle inside the pause: SKIPPED_PAUSED, no charge",
        { flow: { id: "PauseSkipped", version: FLOW_VERSION } },
        4,
      ),
      step(
        4,
        "The last skip: a pause_ending notice (when billing starts again, at what price)",
        { message: MESSAGE.SubscriptionNotification },
        5,
      ),
      step(5, "The next cycle ends the pause and is charged", {
        flow: { id: "PauseResume", version: FLOW_VERSION },
      }),
    ],
  ),
  flow(
    "SubscriptionCancellation",
    "Cancel a subscription, now or at the period's end",
    "CancelSubscription ends billing at once with cancelImmediately, otherwise at the period's end: the billing runner then ends it instead of charging.",
    [
      step(1, "A member's app, a service or an operator", { actor: { name: "Caller" } }, 2),
      step(2, "POST /subscriptions/{subscriptionId}/cancel", { message: MESSAGE.CancelSubscription }, 3),
      step(
        3,
        "cancelImmediately?",
        { service: SERVICE.subscriptions },
        { id: 4, label: "true: now" },
        { id: 6, label: "otherwise: at the period's end" },
      ),
      step(
        4,
        "CANCELLED, the open cycle voided; updated_event cancelled",
        { message: MESSAGE.SubscriptionUpdated },
        5,
      ),
      step(5, "On the bus", { message: MESSAGE.UserSubscriptionCancelled }),
      step(
        6,
        "updated_event cancel-scheduled and a cancellation_scheduled notice",
        { message: MESSAGE.SubscriptionUpdated },
        7,
      ),
      step(7, `${RUNNER}: the period ends, no charge`, { service: SERVICE.subscriptions }, 5, 8),
      step(8, "Asked to complete the membership's cancellation", { service: SERVICE.users }),
    ],
  ),
];
