/** The worker on `{stage}-payments`: renewal payments settle or dispute their billing cycle. */
import { paymentsWorkerHandler } from "../wiring/aws/stream-workers.aws.ts";

export const handler = await paymentsWorkerHandler(process.env);
