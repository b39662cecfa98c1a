/** The usermodel projector: DynamoDB Streams of `{stage}-user-service-users` -> PostgreSQL `usermodel`. */
import { usermodelProjectorHandler } from "../wiring/aws/usermodel-projector.aws.ts";

export const handler = await usermodelProjectorHandler(process.env);
