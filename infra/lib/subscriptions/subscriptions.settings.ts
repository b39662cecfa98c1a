/**
 * What the Subscription Service reads from `stages.<stage>` beside the common settings: its database's
 * size, more callers of its API, and whether the stage takes the service from elsewhere:
 * `streams.subscriptionsArn` with `apis.subscriptions` (another stage's, another account's), in which
 * case it builds nothing and its callers and consumers use those.
 */
import { z } from "zod";
import { type ConfigOf, section, serviceSettings } from "../shared/service-settings.ts";
import { importedApi, kinesisArn, StageConfigError } from "../shared/stage.config.ts";

const shape = {
  streams: section({ subscriptionsArn: kinesisArn.optional() }),
  apis: section({ subscriptions: importedApi.optional() }),
  subscriptionsDatabase: z
    .strictObject({
      /** e.g. `t4g.micro`; default t4g.micro, `m7g.large` in production. */
      instanceType: z
        .string()
        .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "an instance type such as t4g.micro")
        .optional(),
      allocatedStorageGiB: z.int().min(20).max(65_536).default(20),
    })
    .prefault({}),
  /** More callers of the Subscription Service's API: IAM ARN prefix -> `service:<name>` | `operator:<name>`. */
  subscriptionsIamPrincipals: z
    .record(z.string().regex(/^arn:aws[\w-]*:(iam|sts)::\d{12}:/, "an IAM or STS ARN prefix"), z.string())
    .refine((map) => Object.values(map).every((v) => /^(service|operator):[\w.-]+$/.test(v)), {
      message: 'values are "service:<name>" or "operator:<name>"',
    })
    .default({}),
};

export const subscriptionSettings = serviceSettings({
  shape,
  resolve: (settings, { stage, production }) => {
    const { subscriptionsArn } = settings.streams;
    const api = settings.apis.subscriptions;
    if ((subscriptionsArn === undefined) !== (api === undefined)) {
      throw new StageConfigError(
        `context stages.${stage}: streams.subscriptionsArn and apis.subscriptions go together (the Subscription Service is then another stage's or account's); set both or neither`,
      );
    }
    return {
      ...settings,
      imported: subscriptionsArn && api ? { streamArn: subscriptionsArn, api } : undefined,
      subscriptionsDatabase: {
        ...settings.subscriptionsDatabase,
        instanceType: settings.subscriptionsDatabase.instanceType ?? (production ? "m7g.large" : "t4g.micro"),
        readReplica: false,
      },
    };
  },
});

/** The stage as the Subscription Service's stacks read it: the common settings and the service's own. */
export type SubscriptionsConfig = ConfigOf<typeof subscriptionSettings>;
