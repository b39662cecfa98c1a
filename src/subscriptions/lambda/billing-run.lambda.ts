/** The billing runner: every 5 minutes (EventBridge Scheduler), due renewals charged, then the follow-ups. */
import { billingRunHandler } from "../wiring/aws/billing-run.aws.ts";

export const handler = await billingRunHandler(process.env);
