/** The legacy REST API's Lambda TOKEN authorizer for `POST /users/create` (Auth0 user tokens). */
import { auth0AuthorizerHandler } from "../wiring/aws/auth0-authorizer.aws.ts";

export const handler = auth0AuthorizerHandler(process.env);
