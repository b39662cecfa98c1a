/** The User Service API behind both API Gateways (seed 000: prod-user-service-api). */
import { usersApiHandler } from "../wiring/aws/api.aws.ts";

// Top-level await (the bundle is ESM) composes the services during Lambda's init phase, once.
export const handler = await usersApiHandler(process.env);
