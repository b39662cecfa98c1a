import { ValidationError } from "../../platform/errors/app.errors.ts";
import { type ActionInput, type MemberActionName, TIER_NAME } from "../domain/member-action.ts";

type Form = Record<string, string | File | (string | File)[]>;

const field = (form: Form, name: string): string => {
  const value = form[name];
  return typeof value === "string" ? value.trim() : "";
};

/** An action's own fields from its form, each checked (a 400 page names the field otherwise). */
export function actionInputOf(action: MemberActionName, form: Form): ActionInput {
  switch (action) {
    case "pause": {
      const months = Number(field(form, "months"));
      if (!Number.isInteger(months) || months < 1)
        throw new ValidationError([{ path: "months", message: "a whole number of months, 1 or more" }]);
      return { action, months };
    }
    case "unpause":
      return { action, charge: field(form, "charge") === "true" };
    case "add-tag": {
      const tag = field(form, "tag");
      if (tag.length === 0) throw new ValidationError([{ path: "tag", message: "name the tag" }]);
      return { action, tag, value: field(form, "value") };
    }
    case "archive-tag": {
      const tag = field(form, "tag");
      if (tag.length === 0) throw new ValidationError([{ path: "tag", message: "name the tag" }]);
      return { action, tag };
    }
    case "refund": {
      const confirmationId = field(form, "confirmation_id");
      if (confirmationId.length === 0)
        throw new ValidationError([{ path: "confirmation_id", message: "name the charge" }]);
      const amount = field(form, "amount_cents");
      const amountCents = amount.length === 0 ? undefined : Number(amount);
      if (amountCents !== undefined && (!Number.isInteger(amountCents) || amountCents < 1))
        throw new ValidationError([
          { path: "amount_cents", message: "whole cents, 1 or more, or empty for all" },
        ]);
      return { action, confirmationId, amountCents };
    }
    case "revalidate": {
      const subscriptionId = field(form, "subscription_id");
      if (subscriptionId.length === 0)
        throw new ValidationError([{ path: "subscription_id", message: "name the store subscription" }]);
      return { action, subscriptionId };
    }
    case "upgrade":
    case "downgrade":
      return { action, tier: tierOf(form) };
    default:
      return { action };
  }
}

/** The form's `tier`, a tier name of the catalogue (the User Service says whether it knows it). */
export function tierOf(form: Form): string {
  const tier = field(form, "tier");
  if (!TIER_NAME.test(tier))
    throw new ValidationError([{ path: "tier", message: "a tier of the catalogue, e.g. plus or premium" }]);
  return tier;
}
