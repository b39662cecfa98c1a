import * as z from "zod";

/**
 * The principal a mapped caller acts as: `service:<name>`, `operator:<name>`, or `operator:*`, the
 * operator named by the STS session of an assumed role (the console assumes its operators' roles with
 * RoleSessionName = the operator, so one role serves every operator of a console role).
 */
export const IAM_PRINCIPAL_PATTERN = /^(service:[\w.-]+|operator:([\w.-]+|\*))$/;

/** What `operator:*` maps to: the caller's STS session name is the operator's id. */
export const SESSION_OPERATOR = "operator:*";

/**
 * `IAM_PRINCIPALS`, read by every API behind an IAM-authorized API Gateway: the caller ARNs the gateway
 * admitted, by prefix, mapped to the principal they act as (`service:<name>` | `operator:<name>` |
 * `operator:*`).
 */
export const iamPrincipalsSchema = z
  .string()
  .default("{}")
  .transform((text, ctx) => {
    try {
      return z.record(z.string(), z.string().regex(IAM_PRINCIPAL_PATTERN)).parse(JSON.parse(text));
    } catch {
      ctx.addIssue({
        code: "custom",
        message: 'a JSON object of ARN prefix -> "service:<name>" | "operator:<name>" | "operator:*"',
      });
      return z.NEVER;
    }
  })
  .describe(
    'Maps IAM caller ARNs (longest matching prefix) to the principal they act as, a JSON object such as `{"arn:aws:iam::1:role/subs": "service:subscriptions"}`; `operator:*` on an assumed role\'s prefix (`arn:aws:sts::1:assumed-role/console-mx/`) names the operator by the STS session name; an unmapped caller gets 401.',
  );
