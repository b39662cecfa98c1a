import { TransactionCanceledError } from "../../../platform/store/store.errors.ts";
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
  type SandboxDisputeStatus,
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
      ...(disputed ? { disputeStatus: "needs_response" as const } : {}),
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

  /**
   * Opens the charge's dispute, or closes it `won` or `lost`, as its status at the sandbox allows: a
   * charge is disputed at most once (Stripe's charge has one `dispute`), and a closed dispute is final.
   * The status moves in the transaction that queues the webhook, conditioned on the status read, so
   * of two concurrent calls one is refused.
   */
  async dispute(chargeRef: string, to: SandboxDisputeStatus): Promise<void> {
    const charge = readCharge(await this.#store.get(table, keys.charge(chargeRef)));
    if (charge === undefined) throw new GatewayRefusedError("unknown_charge", "dispute: no such charge");
    const from = charge.disputeStatus;
    if (to === "needs_response" && from !== undefined)
      throw new GatewayRefusedError(
        "already_disputed",
        `it was disputed already (${from}); a charge is disputed once`,
      );
    if (to !== "needs_response" && from !== "needs_response")
      throw new GatewayRefusedError(
        from ? "dispute_closed" : "no_dispute",
        from
          ? `its dispute is closed already (${from}); a closed dispute is final`
          : "it has no dispute to close",
      );
    const update: TransactWrite = {
      update: {
        table,
        key: keys.charge(chargeRef),
        changes: { set: { disputeStatus: to } },
        condition: from ? { equals: ["disputeStatus", from] } : { attributeNotExists: "disputeStatus" },
      },
    };
    const type = to === "needs_response" ? "created" : "closed";
    try {
      await this.#store.transactWrite([update, this.#webhooks.disputeEvent(charge, type, to)]);
    } catch (error) {
      // Another call moved the dispute first: decide again on its status now.
      if (error instanceof TransactionCanceledError) return this.dispute(chargeRef, to);
      throw error;
    }
  }

  async of(customerRef: string): Promise<SandboxCharge[]> {
    const { items } = await this.#store.query(table, { partition: keys.customerCharges(customerRef) });
    const found = await Promise.all(
      items.map((item) => this.#store.get(table, keys.charge(item.sk as string))),
    );
    return found.map((item) => readCharge(item) as SandboxCharge);
  }
}
