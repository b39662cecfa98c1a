import type { TableStore, TransactWrite } from "../../../platform/store/table-store.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import { GatewayRefusedError } from "../../domain/gateway.errors.ts";
import type {
  GatewayCharge,
  GatewayChargeRequest,
  GatewayRefund,
  GatewayRefundRequest,
} from "../../ports/payment-gateway.port.ts";
import {
  chargeItem,
  GATEWAY_SANDBOX,
  keys,
  readCharge,
  type SandboxCharge,
  type SandboxCustomer,
  type SandboxMethod,
  gatewaySandboxTable as table,
} from "./sandbox-gateway.records.ts";
import type { SandboxWebhooks } from "./sandbox-webhooks.ts";

interface Effect<T> {
  readonly result: T;
  readonly writes: readonly TransactWrite[];
}

/** The sandbox's money: charges, refunds and disputes, each decided here and written by the caller's key. */
export class SandboxCharges {
  readonly #store: TableStore;
  readonly #ids: IdGenerator;
  readonly #webhooks: SandboxWebhooks;

  constructor(store: TableStore, ids: IdGenerator, webhooks: SandboxWebhooks) {
    this.#store = store;
    this.#ids = ids;
    this.#webhooks = webhooks;
  }

  /** The card's test behaviour, unless the user's steering says decline; `-disputes` queues a dispute. */
  async charge(
    input: GatewayChargeRequest,
    customer: SandboxCustomer,
    method: SandboxMethod,
  ): Promise<Effect<GatewayCharge>> {
    const ref = `pi_sbx_${this.#ids.next()}`;
    if (customer.userId.endsWith(GATEWAY_SANDBOX.declines)) {
      return { result: { ref, outcome: "declined", reason: "card_declined" }, writes: [] };
    }
    const behaviour = method.card.behaviour;
    if (behaviour.kind === "declines") {
      return { result: { ref, outcome: "declined", reason: behaviour.reason }, writes: [] };
    }
    const disputed = customer.userId.endsWith(GATEWAY_SANDBOX.disputes);
    const charge: SandboxCharge = {
      ref,
      customerRef: customer.ref,
      amountCents: input.amountCents,
      currency: input.currency,
      refundedCents: 0,
      disputed,
    };
    const writes: TransactWrite[] = [
      { put: { table, item: chargeItem(charge) } },
      { put: { table, item: keys.chargeOfCustomer(customer.ref, ref) } },
    ];
    if (disputed) writes.push(this.#webhooks.disputeEvent(charge, "created", "needs_response"));
    return { result: { ref, outcome: "succeeded" }, writes };
  }

  /** Never more than what is left; the charge's `refundedCents` is conditioned on what was read. */
  async refund(input: GatewayRefundRequest): Promise<Effect<GatewayRefund>> {
    const charge = readCharge(await this.#store.get(table, keys.charge(input.chargeRef)));
    if (charge === undefined) throw new GatewayRefusedError("unknown_charge", "refund: no such charge");
    const left = charge.amountCents - charge.refundedCents;
    if (input.amountCents > left || left === 0) {
      throw new GatewayRefusedError(
        "over_refund",
        "refund: the amount is more than what is left of the charge",
      );
    }
    const update: TransactWrite = {
      update: {
        table,
        key: keys.charge(charge.ref),
        changes: { set: { refundedCents: charge.refundedCents + input.amountCents } },
        condition: { equals: ["refundedCents", charge.refundedCents] },
      },
    };
    return { result: { ref: `re_sbx_${this.#ids.next()}`, status: "succeeded" }, writes: [update] };
  }

  async dispute(chargeRef: string, type: "created" | "closed", status: string): Promise<void> {
    const charge = readCharge(await this.#store.get(table, keys.charge(chargeRef)));
    if (charge === undefined) throw new GatewayRefusedError("unknown_charge", "dispute: no such charge");
    await this.#store.transactWrite([this.#webhooks.disputeEvent(charge, type, status)]);
  }

  async of(customerRef: string): Promise<SandboxCharge[]> {
    const { items } = await this.#store.query(table, { partition: keys.customerCharges(customerRef) });
    const found = await Promise.all(
      items.map((item) => this.#store.get(table, keys.charge(item.sk as string))),
    );
    return found.map((item) => readCharge(item) as SandboxCharge);
  }
}
