import { sql } from "kysely";
import type { NewPaymentMethod, PaymentMethod } from "../../domain/payment-method.ts";
import { DetachedPaymentMethodError, UnknownPaymentMethodError } from "../../domain/payment-store.errors.ts";
import type { PaymentMethodRepository } from "../../ports/payment-method.repository.ts";
import { isUniqueViolation, type PaymentStoreDeps } from "./payment-store.deps.ts";
import { methodOf } from "./payments.mapper.ts";
import type { PaymentMethodRow } from "./payments.tables.ts";

const ONE_DEFAULT = "payment_methods_one_default_idx";

/** `payment_methods` on PostgreSQL (migration 0001). */
export class PostgresPaymentMethodRepository implements PaymentMethodRepository {
  readonly #deps: PaymentStoreDeps;
  constructor(deps: PaymentStoreDeps) {
    this.#deps = deps;
  }

  /**
   * A user's first two methods added at once would both find no default: the partial unique index
   * refuses the second, which is then tried once more and finds the first one's default.
   */
  async addMethod(method: NewPaymentMethod): Promise<PaymentMethod> {
    try {
      return await this.#add(method);
    } catch (error) {
      if (!isUniqueViolation(error, ONE_DEFAULT)) throw error;
      return this.#add(method);
    }
  }

  async getMethod(userId: string, methodId: string): Promise<PaymentMethod | undefined> {
    const row = await this.#deps.db
      .selectFrom("payment_methods")
      .selectAll()
      .where("method_id", "=", methodId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row && methodOf(row);
  }

  async listMethods(userId: string): Promise<PaymentMethod[]> {
    const rows = await this.#deps.db
      .selectFrom("payment_methods")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy(sql`status = 'active'`, "desc")
      .orderBy("created_at", "desc")
      .orderBy("method_id", "desc")
      .execute();
    return rows.map(methodOf);
  }

  /** The user's active methods are locked first, so two concurrent calls take turns. */
  async setDefault(userId: string, methodId: string): Promise<PaymentMethod> {
    return this.#deps.db.transaction().execute(async (tx) => {
      const methods = await tx
        .selectFrom("payment_methods")
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("method_id")
        .forUpdate()
        .execute();
      const target = methods.find((row) => row.method_id === methodId);
      if (!target) throw new UnknownPaymentMethodError();
      if (target.status !== "active") throw new DetachedPaymentMethodError();
      await tx
        .updateTable("payment_methods")
        .set({ is_default: false })
        .where("user_id", "=", userId)
        .where("is_default", "=", true)
        .where("method_id", "<>", methodId)
        .execute();
      const row = await tx
        .updateTable("payment_methods")
        .set({ is_default: true })
        .where("method_id", "=", methodId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return methodOf(row);
    });
  }

  async detachMethod(userId: string, methodId: string): Promise<PaymentMethod> {
    const row = await this.#deps.db
      .updateTable("payment_methods")
      .set({ status: "detached", is_default: false, detached_at: this.#deps.clock.now() })
      .where("method_id", "=", methodId)
      .where("user_id", "=", userId)
      .where("status", "=", "active")
      .returningAll()
      .executeTakeFirst();
    if (row) return methodOf(row);
    const current = await this.getMethod(userId, methodId);
    if (!current) throw new UnknownPaymentMethodError();
    return current;
  }

  async activeDebitCard(userId: string): Promise<PaymentMethod | undefined> {
    const row = await this.#deps.db
      .selectFrom("payment_methods")
      .selectAll()
      .where("user_id", "=", userId)
      .where("status", "=", "active")
      .where("funding", "=", "debit")
      .orderBy("is_default", "desc")
      .orderBy("created_at", "desc")
      .orderBy("method_id", "desc")
      .limit(1)
      .executeTakeFirst();
    return row && methodOf(row);
  }

  async #add(method: NewPaymentMethod): Promise<PaymentMethod> {
    return this.#deps.db.transaction().execute(async (tx) => {
      const existing = await this.#byRef(tx, method.gatewayRef);
      if (existing) return sameUser(existing, method);
      const current = await tx
        .selectFrom("payment_methods")
        .select("method_id")
        .where("user_id", "=", method.userId)
        .where("is_default", "=", true)
        .where("status", "=", "active")
        .forUpdate()
        .executeTakeFirst();
      const makeDefault = method.makeDefault === true || current === undefined;
      if (makeDefault && current) {
        await tx
          .updateTable("payment_methods")
          .set({ is_default: false })
          .where("method_id", "=", current.method_id)
          .execute();
      }
      const inserted = await tx
        .insertInto("payment_methods")
        .values({
          method_id: this.#deps.ids.next(),
          user_id: method.userId,
          gateway_ref: method.gatewayRef,
          brand: method.brand,
          last4: method.last4,
          exp_month: method.expMonth,
          exp_year: method.expYear,
          funding: method.funding,
          is_default: makeDefault,
          status: "active",
          created_at: this.#deps.clock.now(),
        })
        .onConflict((conflict) => conflict.column("gateway_ref").doNothing())
        .returningAll()
        .executeTakeFirst();
      const row = inserted ?? (await this.#byRef(tx, method.gatewayRef));
      if (!row) throw new Error("a payment method's gateway reference conflicted but its row is gone");
      return sameUser(row, method);
    });
  }

  async #byRef(
    db: Pick<PaymentStoreDeps["db"], "selectFrom">,
    gatewayRef: string,
  ): Promise<PaymentMethodRow | undefined> {
    return db
      .selectFrom("payment_methods")
      .selectAll()
      .where("gateway_ref", "=", gatewayRef)
      .executeTakeFirst();
  }
}

/** The gateway hands out a new reference per attach: one stored for another user is a bug, never shared. */
function sameUser(row: PaymentMethodRow, method: NewPaymentMethod): PaymentMethod {
  if (row.user_id !== method.userId)
    throw new Error("this gateway reference is another user's payment method");
  return methodOf(row);
}
