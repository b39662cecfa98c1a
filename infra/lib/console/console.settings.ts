/**
 * What the console reads from `stages.<stage>` beside the common settings, all under `console`: the
 * origin operators open it on, the Auth0 application they sign in with, and optionally the ACM
 * certificate (us-east-1) for that origin's host as the distribution's alias. Its secrets are not
 * settings: the stateful stack makes them (infra/README.md, "Console").
 */
import { z } from "zod";
import { placeholderUrl } from "../shared/placeholders.ts";
import { type ConfigOf, serviceSettings } from "../shared/service-settings.ts";
import { httpsUrl, nonEmpty } from "../shared/stage.config.ts";

const shape = {
  console: z.strictObject({
    /**
     * `https://<host>`: the distribution's alias when `certificateArn` is set; else its own
     * `https://<id>.cloudfront.net`, known after the first deploy (output `ConsoleUrl`).
     */
    publicOrigin: z
      .string()
      .regex(
        /^https:\/\/[a-z0-9.-]+$/,
        "an https origin, e.g. https://console.example.com (no path, no slash)",
      ),
    /** An ACM certificate in us-east-1 covering publicOrigin's host (CloudFront's rule). */
    certificateArn: z
      .string()
      .regex(
        /^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/,
        "an ACM certificate ARN in us-east-1",
      )
      .optional(),
    auth0: z.strictObject({
      /** The tenant, e.g. `https://roster.us.auth0.com/`. */
      issuer: httpsUrl,
      /** The console's Regular Web Application. */
      clientId: nonEmpty,
    }),
  }),
};

export const consoleSettings = serviceSettings({
  shape,
  placeholders: {
    console: {
      publicOrigin: placeholderUrl("console"),
      auth0: { issuer: `${placeholderUrl("auth0")}/`, clientId: "placeholder-console-client" },
    },
  },
});

/** The stage as the console's stacks read it: the common settings and the console's own. */
export type ConsoleConfig = ConfigOf<typeof consoleSettings>;
