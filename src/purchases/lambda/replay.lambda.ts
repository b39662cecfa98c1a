/** EventBridge Scheduler, `cron(30 1 * * ? *)` UTC: Apple's failed notifications replayed from its history. */
import { replayHandler } from "../wiring/aws/scheduled-jobs.aws.ts";

export const handler = await replayHandler(process.env);
