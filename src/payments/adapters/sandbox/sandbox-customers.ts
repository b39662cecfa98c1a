import { TransactionCanceledError } from "../../../platform/store/store.errors.ts";
import type { TableStore } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import { GatewayRefusedError } from "../../domain/gateway.errors.ts";
import type { GatewayPaymentMethod } from "../../ports/payment-gateway.port.ts";
import {
  customerItem,
  GATEWAY_SANDBOX,
  keys,
  methodItem,
  readMethod,
  type SandboxCustomer,
  type SandboxMethod,
  gatewaySandboxTable as table,
} from "./sandbox-gateway.records.ts";
import { STRIPE_TEST_CARDS, testCardExpiry } from "./stripe-test-cards.ts";

/** The sandbox's customers and their cards, with Stripe's rules for attaching and detaching. */
export class SandboxCustomers {
  readonly #store: TableStore;
  readonly #clock: Clock;
  readonly #ids: IdGenerator;

  constructor(store: TableStore, clock: Clock, ids: IdGenerator) {
    this.#store = store;
    this.#clock = clock;
    this.#ids = ids;
  }

  /** One customer per user, created on first use; a race for it answers the winner's. */
  async ofUser(userId: string): Promise<SandboxCustomer> {
    const known = await this.#store.get(table, keys.customerOfUser(userId));
    if (known !== undefined) return { ref: known.ref as string, userId };
    const customer: SandboxCustomer = { ref: `cus_sbx_${this.#ids.next()}`, userId };
    const byUser = { ...keys.customerOfUser(userId), ref: customer.ref };
    try {
      await this.#store.transactWrite([
        { put: { table, item: byUser, condition: { attributeNotExists: "pk" } } },
        { put: { table, item: customerItem(customer) } },
      ]);
      return customer;
    } catch (error) {
      if (!(error instanceof TransactionCanceledError)) throw error;
      return this.ofUser(userId);
    }
  }

  async byRef(ref: string): Promise<SandboxCustomer> {
    const item = await this.#store.get(table, keys.customer(ref));
    if (item === undefined) throw new GatewayRefusedError("unknown_customer", "no such customer");
    return { ref, userId: item.userId as string };
  }

  /** A test token gives a new `pm_` each time (as on Stripe); an attached `pm_` of this customer is itself. */
  async attach(customerRef: string, token: string): Promise<GatewayPaymentMethod> {
    const customer = await this.byRef(customerRef);
    if (customer.userId.endsWith(GATEWAY_SANDBOX.noCard)) {
      throw new GatewayRefusedError(
        "method_refused",
        "attachMethod: the sandbox refuses every card of this user",
      );
    }
    const known = readMethod(await this.#store.get(table, keys.method(token)));
    if (known !== undefined) {
      if (known.detached || known.customerRef !== customerRef) throw detached("attachMethod");
      return publicMethod(known);
    }
    const card = STRIPE_TEST_CARDS[token];
    if (card === undefined) throw unknownMethod("attachMethod");
    const { brand, last4, funding } = card;
    const expiry = testCardExpiry(this.#clock.now());
    const ref = `pm_sbx_${this.#ids.next()}`;
    const method: SandboxMethod = {
      ref,
      brand,
      last4,
      funding,
      ...expiry,
      customerRef,
      card,
      detached: false,
    };
    await this.#store.put(table, methodItem(method));
    return publicMethod(method);
  }

  async detach(methodRef: string): Promise<void> {
    const method = readMethod(await this.#store.get(table, keys.method(methodRef)));
    if (method === undefined) throw unknownMethod("detachMethod");
    if (method.detached) throw detached("detachMethod");
    await this.#store.put(table, methodItem({ ...method, detached: true }));
  }

  /** The method a charge names, attached to the customer it names. */
  async chargeable(customerRef: string, methodRef: string) {
    const customer = await this.byRef(customerRef);
    const method = readMethod(await this.#store.get(table, keys.method(methodRef)));
    if (method === undefined) throw unknownMethod("charge");
    if (method.detached || method.customerRef !== customer.ref) throw detached("charge");
    return { customer, method };
  }
}

const unknownMethod = (operation: string) =>
  new GatewayRefusedError("unknown_method", `${operation}: no such payment method`);

const detached = (operation: string) =>
  new GatewayRefusedError(
    "detached_method",
    `${operation}: the payment method is not attached to the customer`,
  );

const publicMethod = ({
  ref,
  brand,
  last4,
  expMonth,
  expYear,
  funding,
}: SandboxMethod): GatewayPaymentMethod => ({
  ref,
  brand,
  last4,
  expMonth,
  expYear,
  funding,
});
