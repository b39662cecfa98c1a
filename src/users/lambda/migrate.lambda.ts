/** Brings the usermodel schema up to date; invoked once per deployment. */
import { migrateHandler } from "../wiring/aws/migrate.aws.ts";

export const handler = await migrateHandler(process.env);
