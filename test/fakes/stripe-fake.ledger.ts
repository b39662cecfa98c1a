import {
  STRIPE_TEST_CARDS,
  type TestCard,
  testCardExpiry,
} from "../../src/payments/adapters/sandbox/stripe-test-cards.ts";
import type { Answer } from "../support/loopback-server.ts";

/** A form body rebuilt into objects: `metadata[user_id]=u` is `{ metadata: { user_id: "u" } }`. */
export type Form = { [name: string]: string | Form };

interface Method {
  id: string;
  card: TestCard;
  customer: string | null;
  detached: boolean;
}

/** A succeeded PaymentIntent: money that moved, and what of it went back. */
export interface FakeCharge {
  readonly id: string;
  readonly customer: string;
  readonly amount: number;
  readonly currency: string;
  refunded: number;
}

const error = (status: number, body: Record<string, unknown>): Answer => ({ status, body: { error: body } });
const invalid = (message: string, extra: Record<string, unknown> = {}) =>
  error(400, { type: "invalid_request_error", message, ...extra });
const missing = (param: string, id: string, status = 400) =>
  error(status, {
    type: "invalid_request_error",
    code: "resource_missing",
    param,
    message: `No such ${param}: '${id}'`,
  });

/**
 * The Stripe objects the fake keeps (customers, PaymentMethods, PaymentIntents, refunds) and Stripe's
 * rules for them, answering Stripe-shaped JSON (https://docs.stripe.com/api). Only the fields Roster's
 * adapter reads, plus `id`/`object`.
 */
export class StripeFakeLedger {
  readonly customers = new Map<string, unknown>();
  readonly methods = new Map<string, Method>();
  readonly charges = new Map<string, FakeCharge>();
  #n = 0;
  readonly #now: () => Date;

  constructor(now: () => Date) {
    this.#now = now;
  }

  #id = (prefix: string) => `${prefix}_fake${String(++this.#n).padStart(6, "0")}`;
  #created = () => Math.floor(this.#now().getTime() / 1000);

  createCustomer(form: Form): Answer {
    const customer = {
      id: this.#id("cus"),
      object: "customer",
      metadata: form.metadata ?? {},
      created: this.#created(),
    };
    this.customers.set(customer.id, customer);
    return { status: 200, body: customer };
  }

  /** A test token (`pm_card_visa`) becomes a new `pm_` each time it is attached, as on Stripe. */
  attach(token: string, form: Form): Answer {
    const customer = String(form.customer ?? "");
    if (!this.customers.has(customer)) return missing("customer", customer);
    const card = STRIPE_TEST_CARDS[token];
    const known = this.methods.get(token);
    if (card === undefined && known === undefined) return missing("payment_method", token, 404);
    if (known?.detached || (known?.customer != null && known.customer !== customer)) {
      return invalid("This PaymentMethod was detached from a Customer and may not be used again.");
    }
    const method = known ?? { id: this.#id("pm"), card: card as TestCard, customer, detached: false };
    this.methods.set(method.id, method);
    return { status: 200, body: this.#method(method) };
  }

  detach(id: string): Answer {
    const method = this.methods.get(id);
    if (method === undefined) return missing("payment_method", id, 404);
    if (method.customer === null) return invalid("The payment method is not attached to a customer.");
    method.customer = null;
    method.detached = true;
    return { status: 200, body: this.#method(method) };
  }

  /** Off-session, confirmed PaymentIntents only: what the adapter sends. */
  createIntent(form: Form): Answer {
    const amount = Number(form.amount);
    if (!Number.isInteger(amount) || amount <= 0) return invalid("Invalid integer", { param: "amount" });
    if (form.confirm !== "true" || form.off_session !== "true")
      return invalid("the fake confirms off session only");
    const customer = String(form.customer ?? "");
    if (!this.customers.has(customer)) return missing("customer", customer);
    const method = this.methods.get(String(form.payment_method ?? ""));
    if (method === undefined) return missing("payment_method", String(form.payment_method));
    if (method.customer !== customer) {
      return invalid("The provided PaymentMethod does not belong to this Customer.", {
        param: "payment_method",
      });
    }
    const intent = {
      id: this.#id("pi"),
      object: "payment_intent",
      amount,
      currency: String(form.currency),
      customer,
      payment_method: method.id,
      description: form.description ?? null,
      metadata: form.metadata ?? {},
      created: this.#created(),
    };
    const behaviour = method.card.behaviour;
    if (behaviour.kind === "declines") {
      const failure = { type: "card_error", code: behaviour.code, decline_code: behaviour.declineCode };
      const failed = { ...intent, status: "requires_payment_method", last_payment_error: failure };
      return error(402, { ...failure, message: "Your card was declined.", payment_intent: failed });
    }
    this.charges.set(intent.id, { id: intent.id, customer, amount, currency: intent.currency, refunded: 0 });
    return {
      status: 200,
      body: { ...intent, status: "succeeded", latest_charge: `ch_${intent.id.slice(3)}` },
    };
  }

  /** Never more than what is left of the charge (https://docs.stripe.com/api/refunds/create). */
  refund(form: Form): Answer {
    const intent = String(form.payment_intent ?? "");
    const charge = this.charges.get(intent);
    if (charge === undefined) return missing("payment_intent", intent);
    const left = charge.amount - charge.refunded;
    if (left === 0)
      return invalid(`Charge ${intent} has already been refunded.`, { code: "charge_already_refunded" });
    const amount = form.amount === undefined ? left : Number(form.amount);
    if (amount > left) {
      const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
      const message = `Refund amount (${dollars(amount)}) is greater than unrefunded amount on charge (${dollars(left)})`;
      return invalid(message, { param: "amount" });
    }
    charge.refunded += amount;
    const refund = {
      id: this.#id("re"),
      object: "refund",
      amount,
      currency: charge.currency,
      payment_intent: intent,
    };
    return { status: 200, body: { ...refund, status: "succeeded", created: this.#created() } };
  }

  #method(method: Method) {
    const { brand, last4, funding } = method.card;
    const { expMonth, expYear } = testCardExpiry(this.#now());
    const card = { brand, last4, funding, exp_month: expMonth, exp_year: expYear, country: "US" };
    return { id: method.id, object: "payment_method", type: "card", customer: method.customer, card };
  }
}
