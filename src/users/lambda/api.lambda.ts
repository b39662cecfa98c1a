/** The User Service API behind both API Gateways (seed 000: prod-user-service-api). */
import { handle } from "hono/aws-lambda";
import { createApp } from "../api/users.app.ts";
import { buildAwsServices } from "../wiring/aws/api.aws.ts";
import { loadAwsConfig } from "../wiring/config/api.config.ts";

// Cold start only: config is parsed (failing fast, naming the variable) and clients are built once.
// Top-level await (the bundle is ESM) runs during Lambda's init phase, before the first request.
const services = await buildAwsServices(loadAwsConfig(process.env));

export const handler = handle(createApp(services));
