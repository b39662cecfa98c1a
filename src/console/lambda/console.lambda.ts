/** The operator console's back end behind CloudFront and a Lambda function URL (issue 15). */
import { consoleHandler } from "../wiring/aws/console.aws.ts";

// Top-level await (the bundle is ESM) composes the console during Lambda's init phase, once.
export const handler = await consoleHandler(process.env);
