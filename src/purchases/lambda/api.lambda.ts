/** The Purchases API behind its API Gateway: the stores' pushes (public, verified by the stores' own credentials), users' routes (Auth0), the rest IAM. */
import { purchasesApiHandler } from "../wiring/aws/api.aws.ts";

// Top-level await (the bundle is ESM) composes the services during Lambda's init phase, once.
export const handler = await purchasesApiHandler(process.env);
