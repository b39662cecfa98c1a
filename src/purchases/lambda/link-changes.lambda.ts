/** DynamoDB stream of `{stage}-purchases-user-subscriptions`: a new link's soft opt-in to the User Service. */
import { linkChangesHandler } from "../wiring/aws/opt-in-workers.aws.ts";

export const handler = await linkChangesHandler(process.env);
