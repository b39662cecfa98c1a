// TEMPORARY: a stand-in for Roster's own Payment Service, which is not built yet. Issue 12 builds the real
// service (src/payments/); the User Service then reaches it through its HTTP client locally too, and this
// sandbox goes. Roster's own services are never sandboxed once they exist (../shared/design/system.md).
import { DependencyError, UnavailableError } from "../../../platform/errors/app.errors.ts";
import { onceByKey, onceByKeyTold } from "../../../platform/idempotency/once-by-key.ts";
import { TransactionCanceledError } from "../../../platform/store/store.errors.ts";
import type { TableSpec } from "../../../platform/store/table-spec.ts";
import type { Item, Key, TableStore } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import { PaymentDeclinedError } from "../../domain/payment.errors.ts";
import type {
  Charge,
  ChargeRequest,
  DebitCard,
  PaymentService,
  Refund,
  RefundRequest,
} from "../../ports/payment-service.port.ts";

/** The sandbox's own table in the embedded store (never created on AWS). */
export const paymentSandboxTable = {
  name: "payment-sandbox",
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
} as const satisfies TableSpec;

/** Steering by user id, so a test (or a person on the local runtime) picks the behaviour it needs. */
export const PAYMENT_SANDBOX = {
  /** Every user's card: Stripe's Visa debit test card 4000 0566 5566 5556. */
  card: { last4: "5556", brand: "visa" },
  /** A user id containing this has a card that declines every charge (422 PaymentDeclinedError). */
  declines: "card-declines",
  /** A user id containing this has no active debit card; charges decline with `no_active_card`. */
  noCard: "nocard",
  /** A charge for a user id containing this is recorded, then answers 503 (the answer "times out"). */
  timeout: "pay-timeout",
  /** A refund of a charge of a user id containing this fails with 503, refunding nothing. */
  refundDown: "refund-down",
  /** A user id containing this makes every call fail with 503 before anything is written. */
  unavailable: "pay-down",
} as const;

/** One line of a user's sandbox ledger: a charge (positive) or a refund (negative). */
export interface LedgerEntry {
  readonly kind: "CHARGE" | "REFUND";
  readonly confirmationId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly description: string;
  /** RFC 3339. */
  readonly at: string;
}

export interface SandboxPaymentServiceOptions {
  readonly store: TableStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * The local Payment Service, durable in the embedded store (table `payment-sandbox`), with a ledger per
 * user (`ledger(userId)`, sandbox only). Rules:
 * - every user has an active Visa debit card ending 5556 and every charge is CONFIRMED at once, its
 *   `confirmationId` `pay-<id>` from the id generator; it appears in the ledger;
 * - `refund` reverses a charge in full with a negative ledger line; a charge is refunded once, a second
 *   refund (any key) answers the first; refunding an unknown confirmation id is a DependencyError;
 * - a repeated idempotency key (per user for charges) answers the first result and writes nothing;
 * - user ids containing: `card-declines` -> charges declined (PaymentDeclinedError `card_declined`, 422);
 *   `nocard` -> no active debit card, charges declined with `no_active_card`; `pay-timeout` -> a charge
 *   is recorded, then the call fails with UnavailableError (repeat it with the same key to get the
 *   recorded charge); `refund-down` -> refunds fail with UnavailableError; `pay-down` -> every call fails
 *   with UnavailableError before anything is written. Declines and failures write nothing.
 */
export class SandboxPaymentService implements PaymentService {
  readonly #store: TableStore;
  readonly #clock: Clock;
  readonly #ids: IdGenerator;

  constructor(options: SandboxPaymentServiceOptions) {
    this.#store = options.store;
    this.#clock = options.clock;
    this.#ids = options.ids;
  }

  async charge(userId: string, input: ChargeRequest): Promise<Charge> {
    steer(userId);
    const key = { pk: `CHARGE-KEY#${userId}`, sk: input.idempotencyKey };
    const { result: charge, first } = await onceByKeyTold<Charge>(
      this.#store,
      paymentSandboxTable,
      key,
      async () => {
        if (userId.includes(PAYMENT_SANDBOX.noCard)) throw new PaymentDeclinedError("no_active_card");
        if (userId.includes(PAYMENT_SANDBOX.declines)) throw new PaymentDeclinedError("card_declined");
        const at = this.#clock.now().toISOString();
        const result: Charge = {
          confirmationId: `pay-${this.#ids.next()}`,
          status: "CONFIRMED",
          amountCents: input.amountCents,
          currency: input.currency,
        };
        const entry: LedgerEntry = { kind: "CHARGE", ...pick(result), description: input.description, at };
        const record = {
          pk: chargePk(result.confirmationId),
          sk: "CHARGE",
          userId,
          entry: JSON.stringify(entry),
        };
        return {
          result,
          writes: [
            { put: { table: paymentSandboxTable, item: record } },
            { put: { table: paymentSandboxTable, item: ledgerItem(userId, entry) } },
          ],
        };
      },
    );
    if (first && userId.includes(PAYMENT_SANDBOX.timeout)) {
      throw new UnavailableError("the Payment Service did not answer in time; try again later");
    }
    if (first) return charge;
    // A repeated key answers the first charge, as it stands now: refunded since, it holds no money.
    const now = await this.#store.get(paymentSandboxTable, {
      pk: chargePk(charge.confirmationId),
      sk: "CHARGE",
    });
    return typeof now?.refund === "string" ? { ...charge, status: "REFUNDED" } : charge;
  }

  async refund(confirmationId: string, input: RefundRequest): Promise<Refund> {
    const record = await this.#store.get(paymentSandboxTable, { pk: chargePk(confirmationId), sk: "CHARGE" });
    const userId = record?.userId as string | undefined;
    if (userId !== undefined) steer(userId);
    if (userId?.includes(PAYMENT_SANDBOX.refundDown)) {
      throw new UnavailableError("the Payment Service is unavailable; try again later");
    }
    if (record === undefined || userId === undefined) {
      throw new DependencyError("the Payment Service knows no such charge");
    }
    if (typeof record.refund === "string") return JSON.parse(record.refund) as Refund;
    const key = { pk: `REFUND-KEY#${confirmationId}`, sk: input.idempotencyKey };
    return this.#refundOnce(key, record, userId).catch(async (error: unknown) => {
      // Another key refunded it meanwhile: the charge's condition refused this one; answer that refund.
      const now = await this.#store.get(paymentSandboxTable, { pk: chargePk(confirmationId), sk: "CHARGE" });
      if (error instanceof TransactionCanceledError && typeof now?.refund === "string") {
        return JSON.parse(now.refund) as Refund;
      }
      throw error;
    });
  }

  #refundOnce(key: Key, record: Item, userId: string): Promise<Refund> {
    const confirmationId = (record.pk as string).slice("CHARGE#".length);
    return onceByKey<Refund>(this.#store, paymentSandboxTable, key, async () => {
      const charged = JSON.parse(record.entry as string) as LedgerEntry;
      const result: Refund = {
        refundId: `refund-${this.#ids.next()}`,
        confirmationId,
        amountCents: charged.amountCents,
        currency: charged.currency,
      };
      const at = this.#clock.now().toISOString();
      const entry: LedgerEntry = { ...charged, kind: "REFUND", amountCents: -charged.amountCents, at };
      const chargeKey = { pk: chargePk(confirmationId), sk: "CHARGE" };
      return {
        result,
        writes: [
          {
            update: {
              table: paymentSandboxTable,
              key: chargeKey,
              changes: { set: { refund: JSON.stringify(result) } },
              condition: { attributeNotExists: "refund" },
            },
          },
          { put: { table: paymentSandboxTable, item: ledgerItem(userId, entry) } },
        ],
      };
    });
  }

  async activeDebitCard(userId: string): Promise<DebitCard | undefined> {
    steer(userId);
    return userId.includes(PAYMENT_SANDBOX.noCard) ? undefined : { ...PAYMENT_SANDBOX.card };
  }

  /** The user's charges and refunds, oldest first (sandbox only: for tests and people trying it). */
  async ledger(userId: string): Promise<LedgerEntry[]> {
    const { items } = await this.#store.query(paymentSandboxTable, { partition: `LEDGER#${userId}` });
    return items.map((item) => JSON.parse(item.entry as string) as LedgerEntry);
  }
}

function steer(userId: string): void {
  if (userId.includes(PAYMENT_SANDBOX.unavailable)) {
    throw new UnavailableError("the Payment Service is unavailable; try again later");
  }
}

const chargePk = (confirmationId: string) => `CHARGE#${confirmationId}`;
const pick = ({ confirmationId, amountCents, currency }: Charge) => ({
  confirmationId,
  amountCents,
  currency,
});

function ledgerItem(userId: string, entry: LedgerEntry): Item {
  return {
    pk: `LEDGER#${userId}`,
    sk: `${entry.at}#${entry.kind}#${entry.confirmationId}`,
    entry: JSON.stringify(entry),
  };
}
