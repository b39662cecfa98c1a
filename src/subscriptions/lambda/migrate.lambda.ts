/** Brings the subscriptions schema up to date; invoked once per deployment. */
import { migrateSubscriptionsHandler } from "../wiring/aws/migrate.aws.ts";

export const handler = await migrateSubscriptionsHandler(process.env);
