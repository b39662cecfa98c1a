/**
 * What the Payment Service reads from `stages.<stage>` beside the common settings: its database's size,
 * its vendor secret (Stripe's keys), more callers of its API, and whether the stage takes the service
 * from elsewhere: `streams.paymentsArn` with `apis.payments` (another stage's, another account's), in
 * which case it builds nothing and its callers and consumers use those.
 */
import { z } from "zod";
import { type ConfigOf, section, serviceSettings } from "../shared/service-settings.ts";
import { importedApi, kinesisArn, StageConfigError } from "../shared/stage.config.ts";

const shape = {
  streams: section({ paymentsArn: kinesisArn.optional() }),
  apis: section({ payments: importedApi.optional() }),
  paymentsDatabase: z
    .strictObject({
      /** e.g. `t4g.micro`; default t4g.micro, `m7g.large` in production. */
      instanceType: z
        .string()
        .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "an instance type such as t4g.micro")
        .optional(),
      allocatedStorageGiB: z.int().min(20).max(65_536).default(20),
    })
    .prefault({}),
  /** Secrets Manager secret (name or ARN) with Stripe's keys; default `<stage>/payment-service/vendors`. */
  paymentsVendorSecret: z.string().min(1).optional(),
  /** More callers of the Payment Service's API: IAM ARN prefix -> `service:<name>` | `operator:<name>`. */
  paymentsIamPrincipals: z
    .record(z.string().regex(/^arn:aws[\w-]*:(iam|sts)::\d{12}:/, "an IAM or STS ARN prefix"), z.string())
    .refine((map) => Object.values(map).every((v) => /^(service|operator):[\w.-]+$/.test(v)), {
      message: 'values are "service:<name>" or "operator:<name>"',
    })
    .default({}),
};

export const paymentSettings = serviceSettings({
  shape,
  resolve: (settings, { stage, production }) => {
    const { paymentsArn } = settings.streams;
    const api = settings.apis.payments;
    if ((paymentsArn === undefined) !== (api === undefined)) {
      throw new StageConfigError(
        `context stages.${stage}: streams.paymentsArn and apis.payments go together (the Payment Service is then another stage's or account's); set both or neither`,
      );
    }
    return {
      ...settings,
      imported: paymentsArn && api ? { streamArn: paymentsArn, api } : undefined,
      paymentsVendorSecret: settings.paymentsVendorSecret ?? `${stage}/payment-service/vendors`,
      paymentsDatabase: {
        ...settings.paymentsDatabase,
        instanceType: settings.paymentsDatabase.instanceType ?? (production ? "m7g.large" : "t4g.micro"),
        readReplica: false,
      },
    };
  },
});

/** The stage as the Payment Service's stacks read it: the common settings and the service's own. */
export type PaymentsConfig = ConfigOf<typeof paymentSettings>;
