import type { BillingTerm, Subscription } from "./subscription.ts";

/**
 * The one place each outside view of a subscription's status is decided (research/billing.md §6.6).
 *
 * | status | User Service contract | catalogue's GetSubscriptionStatus |
 * |---|---|---|
 * | TRIAL, ACTIVE | ACTIVE (PAUSED while a pause is scheduled or running) | active |
 * | PAST_DUE | ACTIVE (access kept in the recovery window) | pending |
 * | PAUSED | PAUSED | active |
 * | CANCELLED | CANCELLED | canceled |
 * | EXPIRED | CANCELLED | expired |
 */
export function membershipStatusOf(
  s: Pick<Subscription, "status" | "pause">,
): "ACTIVE" | "PAUSED" | "CANCELLED" {
  if (s.status === "CANCELLED" || s.status === "EXPIRED") return "CANCELLED";
  if (s.status === "PAUSED" || s.pause !== undefined) return "PAUSED";
  return "ACTIVE";
}

export function catalogStatusOf(
  s: Pick<Subscription, "status">,
): "active" | "canceled" | "expired" | "pending" {
  switch (s.status) {
    case "CANCELLED":
      return "canceled";
    case "EXPIRED":
      return "expired";
    case "PAST_DUE":
      return "pending";
    default:
      return "active";
  }
}

export const billingFrequencyOf = (term: BillingTerm): "monthly" | "yearly" =>
  term === "ANNUAL" ? "yearly" : "monthly";
