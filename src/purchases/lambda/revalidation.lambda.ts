/** EventBridge Scheduler, `rate(15 minutes)`: one 24th of the expiry window revalidated from the stores. */
import { revalidationHandler } from "../wiring/aws/scheduled-jobs.aws.ts";

export const handler = revalidationHandler(process.env);
