/** SQS FIFO `{stage}-purchases-fetch.fifo`: each subscription's state fetched from its store, in order per subscription. */
import { fetchWorkerHandler } from "../wiring/aws/fetch-worker.aws.ts";

export const handler = await fetchWorkerHandler(process.env);
