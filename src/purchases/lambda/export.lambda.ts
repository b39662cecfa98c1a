/** EventBridge Scheduler, `cron(3 0 * * ? *)` UTC: the day before exported to the object store. */
import { exportHandler } from "../wiring/aws/scheduled-jobs.aws.ts";

export const handler = exportHandler(process.env);
