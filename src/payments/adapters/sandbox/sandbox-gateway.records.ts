import type { TableSpec } from "../../../platform/store/table-spec.ts";
import type { Item } from "../../../platform/store/table-store.port.ts";
import type { GatewayPaymentMethod } from "../../ports/payment-gateway.port.ts";
import type { TestCard } from "./stripe-test-cards.ts";

/** The sandbox gateway's own table in the embedded store (never created on AWS). */
export const gatewaySandboxTable = {
  name: "payment-gateway-sandbox",
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
} as const satisfies TableSpec;

/** Steering by the user id's ending, as the User Service's sandboxes did, so a test picks its behaviour. */
export const GATEWAY_SANDBOX = {
  /** Every charge of this user declines `card_declined`, whatever the card. */
  declines: "-card-declines",
  /** Attaching any card to this user's customer is refused (`method_refused`): the user has no card. */
  noCard: "-no-card",
  /** Every succeeded charge of this user is disputed at once (a `charge.dispute.created` webhook queued). */
  disputes: "-disputes",
  /** A charge is made, then its answer is lost (unavailable); the same key again answers the charge. */
  chargeTimeout: "-pay-timeout",
  /** Refunds of this user's charges are unavailable; nothing is refunded. */
  refundsDown: "-refund-down",
  /** Every charge and refund of this user is unavailable before the gateway does anything. */
  down: "-pay-down",
} as const;

/** Keys of the table's items; nothing else in the sandbox writes a key string. */
export const keys = {
  customerOfUser: (userId: string) => ({ pk: `USER#${userId}`, sk: "CUSTOMER" }),
  customer: (ref: string) => ({ pk: `CUSTOMER#${ref}`, sk: "CUSTOMER" }),
  method: (ref: string) => ({ pk: `METHOD#${ref}`, sk: "METHOD" }),
  charge: (ref: string) => ({ pk: `CHARGE#${ref}`, sk: "CHARGE" }),
  chargeOfCustomer: (customerRef: string, ref: string) => ({ pk: `CHARGES#${customerRef}`, sk: ref }),
  customerCharges: (customerRef: string) => `CHARGES#${customerRef}`,
  /** Stripe's keys are one space per account, whatever the endpoint. */
  idempotency: (key: string) => ({ pk: `KEY#${key}`, sk: "KEY" }),
  webhook: (at: string, eventId: string) => ({ pk: "WEBHOOKS", sk: `${at}#${eventId}` }),
  webhooks: "WEBHOOKS",
};

export interface SandboxCustomer {
  readonly ref: string;
  readonly userId: string;
}

export interface SandboxMethod extends GatewayPaymentMethod {
  readonly customerRef: string;
  readonly card: TestCard;
  readonly detached: boolean;
}

/** Where a charge's dispute is at the sandbox (Stripe disputes a charge at most once: `charge.dispute`). */
export type SandboxDisputeStatus = "needs_response" | "won" | "lost";

/** A succeeded charge: the money the sandbox moved, what of it went back, and its dispute if any. */
export interface SandboxCharge {
  readonly ref: string;
  readonly customerRef: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly refundedCents: number;
  readonly disputeStatus?: SandboxDisputeStatus;
}

export const customerItem = (customer: SandboxCustomer): Item => ({
  ...keys.customer(customer.ref),
  userId: customer.userId,
});

export const methodItem = (method: SandboxMethod): Item => ({
  ...keys.method(method.ref),
  method: JSON.stringify(method),
});

export const readMethod = (item: Item | undefined) =>
  item === undefined ? undefined : (JSON.parse(item.method as string) as SandboxMethod);

/** `refundedCents` and `disputeStatus` are attributes of their own, so writes can be conditioned on them. */
export const chargeItem = (charge: SandboxCharge): Item => {
  const { refundedCents, disputeStatus, ...rest } = charge;
  return {
    ...keys.charge(charge.ref),
    charge: JSON.stringify(rest),
    refundedCents,
    ...(disputeStatus ? { disputeStatus } : {}),
  };
};

export function readCharge(item: Item | undefined): SandboxCharge | undefined {
  if (item === undefined) return undefined;
  const disputeStatus = item.disputeStatus as SandboxDisputeStatus | undefined;
  return {
    ...(JSON.parse(item.charge as string) as SandboxCharge),
    refundedCents: item.refundedCents as number,
    ...(disputeStatus ? { disputeStatus } : {}),
  };
}
