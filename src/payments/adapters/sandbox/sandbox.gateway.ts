import Stripe from "stripe";
import { IdempotencyKeyReusedError, onceByKeyTold } from "../../../platform/idempotency/once-by-key.ts";
import { TransactionCanceledError } from "../../../platform/store/store.errors.ts";
import type { TableStore, TransactWrite } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import {
  GatewayRefusedError,
  GatewayUnavailableError,
  InvalidWebhookSignatureError,
} from "../../domain/gateway.errors.ts";
import type {
  GatewayCharge,
  GatewayChargeRequest,
  GatewayCustomer,
  GatewayEvent,
  GatewayPaymentMethod,
  GatewayRefund,
  GatewayRefundRequest,
  PaymentGateway,
} from "../../ports/payment-gateway.port.ts";
import { toGatewayEvent } from "../stripe/stripe.mapper.ts";
import { SandboxCharges } from "./sandbox-charges.ts";
import { SandboxCustomers } from "./sandbox-customers.ts";
import {
  GATEWAY_SANDBOX,
  keys,
  readCharge,
  type SandboxCharge,
  gatewaySandboxTable as table,
} from "./sandbox-gateway.records.ts";
import { SandboxWebhooks, type SignedWebhook } from "./sandbox-webhooks.ts";

export interface SandboxGatewayOptions {
  readonly store: TableStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The local `whsec_...` its webhooks are signed with, and the service's webhook route verifies with. */
  readonly webhookSecret: string;
}

/**
 * The payment gateway of the local process, durable in the embedded store (table
 * `payment-gateway-sandbox`) so that a restart keeps customers, cards, charges and pending webhooks.
 * It answers as Stripe does: Stripe's test PaymentMethods (`pm_card_visa_debit`, `pm_card_chargeDeclined`,
 * ... in `stripe-test-cards.ts`), `cus_`/`pm_`/`pi_`/`re_` refs, idempotency keys replayed and refused
 * with other parameters (`idempotency_mismatch`), refunds never over what is left, and Stripe-shaped
 * webhooks signed with the SDK. Steered by the user id's ending (`GATEWAY_SANDBOX`); `raiseDispute`
 * and `closeDispute` make a chargeback happen on demand.
 */
export class SandboxGateway implements PaymentGateway {
  readonly #store: TableStore;
  readonly #webhooks: SandboxWebhooks;
  readonly #charges: SandboxCharges;
  readonly #customers: SandboxCustomers;

  constructor(options: SandboxGatewayOptions) {
    this.#store = options.store;
    this.#webhooks = new SandboxWebhooks({ ...options, secret: options.webhookSecret });
    this.#charges = new SandboxCharges(options.store, options.ids, this.#webhooks);
    this.#customers = new SandboxCustomers(options.store, options.clock, options.ids);
  }

  async customer(userId: string): Promise<GatewayCustomer> {
    return { ref: (await this.#customers.ofUser(userId)).ref };
  }

  attachMethod(customerRef: string, token: string): Promise<GatewayPaymentMethod> {
    return this.#customers.attach(customerRef, token);
  }

  detachMethod(methodRef: string): Promise<void> {
    return this.#customers.detach(methodRef);
  }

  /**
   * Declines and successes are outcomes kept under the key, as Stripe keeps them. Steering: `-pay-down`
   * is unavailable before anything; `-pay-timeout` makes the charge and loses the first answer.
   */
  async charge(input: GatewayChargeRequest): Promise<GatewayCharge> {
    const { idempotencyKey, ...request } = input;
    const { userId } = await this.#customers.byRef(input.customerRef);
    if (userId.endsWith(GATEWAY_SANDBOX.down)) throw unavailable("charge");
    const { result, first } = await this.#once(
      idempotencyKey,
      `charge ${JSON.stringify(request)}`,
      async () => {
        const { customer, method } = await this.#customers.chargeable(input.customerRef, input.methodRef);
        return this.#charges.charge(input, customer, method);
      },
    );
    if (first && userId.endsWith(GATEWAY_SANDBOX.chargeTimeout)) throw unavailable("charge");
    return result;
  }

  /** Steering: refunds of a `-refund-down` or `-pay-down` user's charges are unavailable. */
  async refund(input: GatewayRefundRequest): Promise<GatewayRefund> {
    const { idempotencyKey, ...request } = input;
    const charge = readCharge(await this.#store.get(table, keys.charge(input.chargeRef)));
    if (charge !== undefined) {
      const { userId } = await this.#customers.byRef(charge.customerRef);
      if (userId.endsWith(GATEWAY_SANDBOX.refundsDown) || userId.endsWith(GATEWAY_SANDBOX.down)) {
        throw unavailable("refund");
      }
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        const { result } = await this.#once(idempotencyKey, `refund ${JSON.stringify(request)}`, () =>
          this.#charges.refund(input),
        );
        return result;
      } catch (error) {
        // Another refund of the charge committed first: decide again on what is left now.
        if (!(error instanceof TransactionCanceledError) || attempt === 5) throw error;
      }
    }
  }

  async webhookEvent(payload: string, signature: string): Promise<GatewayEvent> {
    try {
      return toGatewayEvent(await this.#webhooks.verify(payload, signature));
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError || error instanceof SyntaxError) {
        throw new InvalidWebhookSignatureError("the webhook's signature does not verify, or is too old");
      }
      throw error;
    }
  }

  /**
   * Opens a dispute on a succeeded charge now (sandbox only): `charge.dispute.created` is queued.
   * `GatewayRefusedError("already_disputed")` when the charge was disputed before.
   */
  async raiseDispute(chargeRef: string): Promise<void> {
    await this.#charges.dispute(chargeRef, "needs_response");
  }

  /**
   * Ends a dispute (sandbox only): `charge.dispute.closed` with `won` or `lost` is queued.
   * `GatewayRefusedError` `no_dispute`, or `dispute_closed` when it was won or lost already.
   */
  async closeDispute(chargeRef: string, outcome: "won" | "lost"): Promise<void> {
    await this.#charges.dispute(chargeRef, outcome);
  }

  /** Webhooks waiting for delivery to `POST /payments/webhooks/stripe`, oldest first, signed now. */
  pendingWebhooks(): Promise<SignedWebhook[]> {
    return this.#webhooks.pending();
  }

  /** Drops a webhook once the service answered it 2xx (Stripe stops retrying then). */
  acknowledgeWebhook(eventId: string): Promise<void> {
    return this.#webhooks.acknowledge(eventId);
  }

  /** The charges that moved money for a customer, as the sandbox's books have them (sandbox only). */
  chargesOf(customerRef: string): Promise<SandboxCharge[]> {
    return this.#charges.of(customerRef);
  }

  async #once<T>(key: string, fingerprint: string, effect: Effect<T>) {
    try {
      return await onceByKeyTold(this.#store, table, keys.idempotency(key), effect, { fingerprint });
    } catch (error) {
      if (!(error instanceof IdempotencyKeyReusedError)) throw error;
      throw new GatewayRefusedError(
        "idempotency_mismatch",
        "this idempotency key was first used with other parameters",
      );
    }
  }
}

const unavailable = (operation: string) =>
  new GatewayUnavailableError(`${operation}: the sandbox gateway is steered to be unavailable for this user`);

type Effect<T> = () => Promise<{ readonly result: T; readonly writes: readonly TransactWrite[] }>;
