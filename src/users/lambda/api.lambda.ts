/** The User Service API behind both API Gateways (seed 000: prod-user-service-api). */
import { handle } from "hono/aws-lambda";
import { loadAwsConfig } from "../../runtime/aws/aws.config.ts";
import { buildAwsServices } from "../../runtime/aws/build-aws-services.ts";
import { createApp } from "../../runtime/http/create-app.ts";

// Cold start only: config is parsed (failing fast, naming the variable) and clients are built once.
// Top-level await (the bundle is ESM) runs during Lambda's init phase, before the first request.
const services = await buildAwsServices(loadAwsConfig(process.env));

export const handler = handle(createApp(services));
