import { z } from "@hono/zod-openapi";
import { text } from "./text.schemas.ts";

/**
 * `Idempotency-Key` of every call that moves money: the caller's key for the operation, repeated on
 * each retry. A repeat answers the stored result; the same key with another body is 409. Printable
 * ASCII without spaces, at most 255 characters (Stripe's limit, which the key is passed on to).
 * https://docs.stripe.com/api/idempotent_requests
 */
export const IdempotencyKeyHeaders = z.object({
  "idempotency-key": text({
    max: 255,
    pattern: {
      regex: /^[!-~]+$/,
      message: "must be printable ASCII without spaces, e.g. a UUID or upgrade:<user>:<period>",
    },
    description:
      "The caller's key for this operation, the same on every retry: a repeat answers the stored result; the same key with another body is 409",
  }).openapi({
    param: { name: "idempotency-key", in: "header", required: true },
    example: "upgrade:auth0|6568a1f2c0ffee:2026-12-01",
  }),
});
