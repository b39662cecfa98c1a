/** The Payment Service API behind its API Gateway (IAM on every route but the Stripe webhook). */
import { paymentsApiHandler } from "../wiring/aws/api.aws.ts";

// Top-level await (the bundle is ESM) composes the services during Lambda's init phase, once.
export const handler = await paymentsApiHandler(process.env);
