/** The worker on `{stage}-user-service-users`: a cancelled membership ends its billing. */
import { usersWorkerHandler } from "../wiring/aws/stream-workers.aws.ts";

export const handler = await usersWorkerHandler(process.env);
