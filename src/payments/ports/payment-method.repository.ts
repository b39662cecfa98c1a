import type { NewPaymentMethod, PaymentMethod } from "../domain/payment-method.ts";

/**
 * A user's payment methods as attached at the gateway. Production: PostgreSQL
 * (`adapters/postgres/payment-method.repository.ts`). Unknown method (or another user's):
 * UnknownPaymentMethodError; a detached one made the default: DetachedPaymentMethodError.
 */
export interface PaymentMethodRepository {
  /** Stores an attached method; the same gateway reference again answers the stored one. */
  addMethod(method: NewPaymentMethod): Promise<PaymentMethod>;
  getMethod(userId: string, methodId: string): Promise<PaymentMethod | undefined>;
  /** The user's methods, active ones first, each group newest first. */
  listMethods(userId: string): Promise<PaymentMethod[]>;
  /** Makes an active method the user's one default, in one transaction. */
  setDefault(userId: string, methodId: string): Promise<PaymentMethod>;
  /** Marks a method detached (no longer default); detaching twice answers the detached method. */
  detachMethod(userId: string, methodId: string): Promise<PaymentMethod>;
  /** The debit card charges go to: the default if it is an active debit card, else the newest active one. */
  activeDebitCard(userId: string): Promise<PaymentMethod | undefined>;
}
