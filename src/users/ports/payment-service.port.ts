/**
 * The Payment Service (seed 000): one-time charges (prorated upgrade fees, unpause and pay-now fees),
 * their refunds, and the user's payment methods. Source of the `payments` stream.
 *
 * Every call that moves money takes an `idempotencyKey` derived from the operation that asks for it:
 * repeating a call with the same key answers the first result and moves no money again, so a request
 * retried after a timeout never charges twice.
 *
 * Errors: `PaymentDeclinedError` (422, `use-cases/payment.errors.ts`) when the charge is declined or the
 * user has no card to charge; the platform's `UnavailableError` (503) when the service cannot be reached
 * in time or says it is unavailable (a charge may then have been made: repeat it with the same key to
 * learn its outcome); `DependencyError` (502) for anything outside the contract, including a refund of a
 * charge the service does not know. None carries the service's own words.
 */
export interface PaymentService {
  charge(userId: string, input: ChargeRequest): Promise<Charge>;
  /**
   * Gives back all that is left of the charge. A charge is refunded at most once: a repeat (any key)
   * of a charge refunded in full or charged back since does nothing more and succeeds.
   */
  refund(confirmationId: string, input: RefundRequest): Promise<void>;
  /** The debit card charges go to; undefined when the user has none active. */
  activeDebitCard(userId: string): Promise<DebitCard | undefined>;
}

export interface ChargeRequest {
  /** Whole cents, at least 1. */
  readonly amountCents: number;
  /** ISO 4217, upper case ("USD"). */
  readonly currency: string;
  /** What the user reads on their statement, e.g. "Upgrade to premium (prorated)". */
  readonly description: string;
  readonly idempotencyKey: string;
}

export const CHARGE_STATUSES = ["CONFIRMED", "PENDING", "REFUNDED"] as const;
/**
 * CONFIRMED: the money is collected; PENDING: accepted, settles later (seed 002's PaymentProcessed);
 * REFUNDED: a repeated idempotency key whose charge was refunded since, so no money is held for it
 * (callers that still need the money charge again with a new key: see `chargeHeld`).
 */
export type ChargeStatus = (typeof CHARGE_STATUSES)[number];

export interface Charge {
  /** The membership record's `membership_confirmation_id`. */
  readonly confirmationId: string;
  readonly status: ChargeStatus;
  readonly amountCents: number;
  readonly currency: string;
}

export interface RefundRequest {
  readonly idempotencyKey: string;
}

export interface DebitCard {
  readonly last4: string;
  /** Lower case network name: "visa", "mastercard", ... */
  readonly brand: string;
}
