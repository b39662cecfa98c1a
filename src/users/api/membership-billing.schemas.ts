import { z } from "@hono/zod-openapi";
import { text } from "../../platform/http/text.schemas.ts";
import { MEMBERSHIP_TERMS } from "../domain/membership.ts";

export const tierName = text({
  max: 32,
  pattern: {
    regex: /^[a-z][a-z0-9_]{0,31}$/,
    message: "must be a tier name of the catalogue, e.g. plus or premium",
  },
}).openapi({ example: "premium" });

export const ActivationSchema = z
  .strictObject({
    membership_tier: tierName.optional().openapi({ description: "Default: plus" }),
    membership_term: z.enum(MEMBERSHIP_TERMS).optional().openapi({ description: "Default: MONTHLY" }),
  })
  .openapi("Activation", { example: { membership_tier: "plus", membership_term: "MONTHLY" } });

export const TierChangeSchema = z
  .strictObject({ membership_tier: tierName })
  .openapi("TierChange", { example: { membership_tier: "premium" } });
