/** The Subscription Service API behind its API Gateway (IAM on every route). */
import { subscriptionsApiHandler } from "../wiring/aws/api.aws.ts";

// Top-level await (the bundle is ESM) composes the services during Lambda's init phase, once.
export const handler = await subscriptionsApiHandler(process.env);
