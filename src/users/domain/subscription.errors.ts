import { ConflictError } from "../../platform/errors/app.errors.ts";

/**
 * The Subscription Service bills no subscription for this member (it never activated one there): 409,
 * and nothing changed. Activating (or reactivating) the membership starts one.
 */
export class NoSubscriptionError extends ConflictError {
  override readonly name: string = "NoSubscriptionError";
  constructor() {
    super("no subscription bills this membership; activate or reactivate it first");
  }
}
