import type { z } from "zod";
import { commonConfigSchema } from "../../../platform/config/common.config.ts";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { awsConfigSchema } from "./api.config.ts";

/** The legacy gateway's Auth0 TOKEN authorizer: the tenant and the API's audience, as the API reads them. */
export const auth0AuthorizerConfigSchema = commonConfigSchema.extend({
  ...awsConfigSchema.pick({ AUTH0_ISSUER: true, AUTH0_AUDIENCE: true }).shape,
});

export type Auth0AuthorizerConfig = z.infer<typeof auth0AuthorizerConfigSchema>;

export const loadAuth0AuthorizerConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(auth0AuthorizerConfigSchema, env);
