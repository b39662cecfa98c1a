/** The API's TOKEN authorizer on the users' routes: verifies the Auth0 JWT (the API verifies it again). */
import { purchasesAuthorizerHandler } from "../wiring/aws/auth0-authorizer.aws.ts";

export const handler = purchasesAuthorizerHandler(process.env);
