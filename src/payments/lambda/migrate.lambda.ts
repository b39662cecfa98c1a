/** Brings the payments schema up to date; invoked once per deployment. */
import { migratePaymentsHandler } from "../wiring/aws/migrate.aws.ts";

export const handler = await migratePaymentsHandler(process.env);
