import type { CustomerRepository } from "../../ports/customer.repository.ts";
import type { PaymentStoreDeps } from "./payment-store.deps.ts";

/** `customers` on PostgreSQL (migration 0001). */
export class PostgresCustomerRepository implements CustomerRepository {
  readonly #deps: PaymentStoreDeps;
  constructor(deps: PaymentStoreDeps) {
    this.#deps = deps;
  }

  async customerRef(userId: string): Promise<string | undefined> {
    const row = await this.#deps.db
      .selectFrom("customers")
      .select("gateway_ref")
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row?.gateway_ref;
  }

  /** ON CONFLICT DO NOTHING, then a read: the first reference kept wins, even between concurrent calls. */
  async keepCustomerRef(userId: string, gatewayRef: string): Promise<string> {
    await this.#deps.db
      .insertInto("customers")
      .values({ user_id: userId, gateway_ref: gatewayRef, created_at: this.#deps.clock.now() })
      .onConflict((conflict) => conflict.column("user_id").doNothing())
      .execute();
    const kept = await this.customerRef(userId);
    if (kept === undefined) throw new Error("a customer was kept but cannot be read back");
    return kept;
  }
}
