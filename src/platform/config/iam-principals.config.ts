import * as z from "zod";

/**
 * `IAM_PRINCIPALS`, read by every API behind an IAM-authorized API Gateway: the caller ARNs the gateway
 * admitted, by prefix, mapped to the principal they act as (`service:<name>` | `operator:<name>`).
 */
export const iamPrincipalsSchema = z
  .string()
  .default("{}")
  .transform((text, ctx) => {
    try {
      return z.record(z.string(), z.string().regex(/^(service|operator):[\w.-]+$/)).parse(JSON.parse(text));
    } catch {
      ctx.addIssue({
        code: "custom",
        message: 'a JSON object of ARN prefix -> "service:<name>" | "operator:<name>"',
      });
      return z.NEVER;
    }
  })
  .describe(
    'Maps IAM caller ARNs (longest matching prefix) to the principal they act as, a JSON object such as `{"arn:aws:iam::1:role/subs": "service:subscriptions"}`; an unmapped caller gets 401.',
  );
