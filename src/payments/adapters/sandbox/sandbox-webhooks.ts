import Stripe from "stripe";
import type { TableStore, TransactWrite } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import { gatewaySandboxTable, keys, type SandboxCharge } from "./sandbox-gateway.records.ts";

/** A webhook as Stripe delivers it to `POST /payments/webhooks/stripe`: the raw body and its signature. */
export interface SignedWebhook {
  readonly eventId: string;
  /** The raw body: a Stripe Event's JSON. */
  readonly payload: string;
  /** The `Stripe-Signature` header. */
  readonly signature: string;
}

/**
 * The sandbox's outgoing webhooks, durable in its table until delivered: Stripe-shaped events
 * (https://docs.stripe.com/api/events/object) signed with the local webhook secret by the Stripe SDK's
 * own helper at the time they are handed out (Stripe signs each delivery attempt), so the service's
 * webhook route verifies them as it verifies Stripe's.
 */
export class SandboxWebhooks {
  readonly #store: TableStore;
  readonly #clock: Clock;
  readonly #ids: IdGenerator;
  readonly #secret: string;
  #queued = 0;

  constructor(deps: { store: TableStore; clock: Clock; ids: IdGenerator; secret: string }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#ids = deps.ids;
    this.#secret = deps.secret;
  }

  /** The write that queues `charge.dispute.created` or `.closed` for a charge, in the caller's transaction. */
  disputeEvent(charge: SandboxCharge, type: "created" | "closed", status: string): TransactWrite {
    const created = Math.floor(this.#clock.now().getTime() / 1000);
    const dispute = {
      id: `du_${charge.ref.slice("pi_".length)}`,
      object: "dispute",
      amount: charge.amountCents - charge.refundedCents,
      currency: charge.currency.toLowerCase(),
      charge: `ch_${charge.ref.slice("pi_".length)}`,
      payment_intent: charge.ref,
      reason: "fraudulent",
      status,
      created,
    };
    return this.#queue(`charge.dispute.${type}`, dispute, created);
  }

  #queue(type: string, object: Record<string, unknown>, created: number): TransactWrite {
    const id = `evt_sbx_${this.#ids.next()}`;
    const event = { id, object: "event", created, livemode: false, type, data: { object } };
    // Ids need not sort by time (random locally): the millisecond and a counter keep the queue in order.
    const at = `${this.#clock.now().toISOString()}#${String(++this.#queued).padStart(9, "0")}`;
    const item = { ...keys.webhook(at, id), eventId: id, payload: JSON.stringify(event) };
    return { put: { table: gatewaySandboxTable, item } };
  }

  /** Every webhook not yet acknowledged, oldest first, each signed now. */
  async pending(): Promise<SignedWebhook[]> {
    const { items } = await this.#store.query(gatewaySandboxTable, { partition: keys.webhooks });
    const timestamp = Math.floor(this.#clock.now().getTime() / 1000);
    return items.map((item) => {
      const payload = item.payload as string;
      const signature = Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: this.#secret,
        timestamp,
      });
      return { eventId: item.eventId as string, payload, signature };
    });
  }

  /** Drops a webhook the service answered 2xx; an unknown id is nothing to do. */
  async acknowledge(eventId: string): Promise<void> {
    const { items } = await this.#store.query(gatewaySandboxTable, { partition: keys.webhooks });
    const item = items.find((candidate) => candidate.eventId === eventId);
    if (item !== undefined)
      await this.#store.delete(gatewaySandboxTable, { pk: item.pk as string, sk: item.sk as string });
  }

  /** Verifies as Stripe's adapter does (https://docs.stripe.com/webhooks#verify-events). */
  async verify(payload: string, signature: string): Promise<Stripe.Event> {
    const receivedAt = this.#clock.now().getTime();
    return Stripe.webhooks.constructEventAsync(
      payload,
      signature,
      this.#secret,
      undefined,
      undefined,
      receivedAt,
    );
  }
}
