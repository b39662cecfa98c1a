/**
 * A stage's settings are composed from the services that run in it: the common keys and each listed
 * service's own (its `<svc>.settings.ts`), side by side at the top level of `stages.<stage>`.
 */
import { App } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { paymentService } from "../../infra/lib/payments/payments.service.ts";
import { addRosterStages } from "../../infra/lib/roster.app.ts";
import { SERVICES } from "../../infra/lib/services.ts";
import { isPlaceholder } from "../../infra/lib/shared/placeholders.ts";
import type { RosterService } from "../../infra/lib/shared/roster-service.ts";
import { section, serviceSettings } from "../../infra/lib/shared/service-settings.ts";
import { kinesisArn } from "../../infra/lib/shared/stage.config.ts";
import { parseStageConfig, settingsOf, stageSchema } from "../../infra/lib/shared/stage.settings.ts";
import { userSettings } from "../../infra/lib/users/users.settings.ts";
import { placeholderSettings } from "./support/stage-settings.ts";
import { synthStages } from "./support/synth-stages.ts";

const ordersSettings = serviceSettings({
  shape: { ordersQueue: z.strictObject({ batchSize: z.int().min(1).max(10).default(10) }).prefault({}) },
  placeholders: {},
});
const ordersService: RosterService = { name: "order-service", settings: ordersSettings, stacks: () => [] };
/** A service that declares `shape`, to compose with the listed ones. */
const declaring = (name: string, shape: z.ZodRawShape): RosterService => ({
  name,
  settings: serviceSettings({ shape }),
  stacks: () => [],
});
const withOrders = [...SERVICES, ordersService];

describe("the stage's settings schema", () => {
  it("holds the common keys and every listed service's, at its top level", () => {
    const keys = Object.keys(stageSchema(withOrders).shape);
    expect(keys).toEqual(expect.arrayContaining(["account", "region", "logLevel", "alarmEmail"]));
    for (const service of withOrders) {
      expect(keys, service.name).toEqual(expect.arrayContaining(Object.keys(service.settings?.shape ?? {})));
    }
    expect(keys).toEqual(
      expect.arrayContaining(["auth0", "internalApis", "database", "streams", "ordersQueue"]),
    );
  });

  it("gives each service its own keys, typed, with its defaults decided", () => {
    const raw = { ...placeholderSettings(), ordersQueue: { batchSize: 5 } };
    const config = parseStageConfig("qa", raw, withOrders);
    expect(settingsOf(ordersSettings, config).ordersQueue.batchSize).toBe(5);
    expect(settingsOf(userSettings, config)).toMatchObject({
      stage: "qa",
      vendorSecret: "qa/user-service/vendors",
      database: { instanceType: "t4g.micro", readReplica: false, allocatedStorageGiB: 20 },
    });
    expect(settingsOf(paymentService.settings!, config)).toMatchObject({ streams: {} });
  });

  it("refuses a key nobody declares, naming where it is", () => {
    const raw = { ...placeholderSettings(), orderQueue: { batchSize: 5 } };
    expect(() => parseStageConfig("qa", raw, withOrders)).toThrow(
      /context stages\.qa: Unrecognized key: "orderQueue"/,
    );
    const streams = {
      paymentsArn: "arn:aws:kinesis:us-east-2:222222222222:stream/qa-payments",
      ordersArn: "x",
    };
    expect(() => parseStageConfig("qa", { ...placeholderSettings(), streams }, SERVICES)).toThrow(
      /context stages\.qa\.streams: Unrecognized key: "ordersArn"/,
    );
    // The User Service's keys are nobody's where it does not run.
    expect(() => parseStageConfig("qa", placeholderSettings(), [paymentService])).toThrow(
      /context stages\.qa: Unrecognized keys: .*"auth0"/,
    );
  });

  it("merges the sections several services fill: each producer's stream under streams", () => {
    const streams = {
      paymentsArn: "arn:aws:kinesis:us-east-2:222222222222:stream/qa-payments",
      subscriptionsArn: "bad",
    };
    expect(() => parseStageConfig("qa", { ...placeholderSettings(), streams }, SERVICES)).toThrow(
      /context stages\.qa\.streams\.subscriptionsArn: a Kinesis stream ARN/,
    );
  });
});

describe("keys two declarations share", () => {
  const synth = (services: readonly RosterService[]) =>
    addRosterStages(new App({ context: { allowPlaceholders: true, stage: "qa" } }), services);

  it("fails the synth when two services declare one key differently, naming both", () => {
    expect(() => synth([...SERVICES, declaring("order-service", { eventBusName: z.string() })])).toThrow(
      /eventBusName is declared differently by user-service and order-service/,
    );
    expect(() => synth([...SERVICES, declaring("order-service", { region: z.string() })])).toThrow(
      /region is declared differently by the common settings \(infra\/lib\/shared\/stage.config.ts\) and order-service/,
    );
    const section_ = { streams: section({ paymentsArn: kinesisArn }) };
    expect(() => synth([...SERVICES, declaring("order-service", section_)])).toThrow(
      /streams\.paymentsArn is declared differently by payment-service and order-service/,
    );
  });

  it("accepts one key declared with one schema (one both take from shared/)", () => {
    const tracing = z.boolean().default(false);
    const services = [
      ...SERVICES,
      declaring("order-service", { tracing }),
      declaring("cart-service", { tracing }),
    ];
    const config = parseStageConfig("qa", { ...placeholderSettings(), tracing: true }, services);
    expect(settingsOf(services.at(-1)!.settings!, config)).toMatchObject({ tracing: true });
  });
});

describe("settingsOf", () => {
  it("reads only a listed service's settings, from the config parseStageConfig returned", () => {
    const config = parseStageConfig("qa", { account: "123456789012", region: "us-east-2" }, [paymentService]);
    expect(() => settingsOf(userSettings, config)).toThrow(/no listed service's/);
    expect(() => settingsOf(paymentService.settings!, { ...config })).toThrow(/not a copy of it/);
  });
});

describe("placeholders", () => {
  it("synthesize every listed service from a stage that sets nothing", async () => {
    const qa = (await synthStages({ stages: { qa: {} }, stage: "qa" })).stages.qa!;
    expect(qa.stacks.map((stack) => stack.stackName)).toEqual([
      "qa-user-service-legacy-tables",
      "qa-user-service-stateful",
      "qa-user-service-stateless",
      "qa-payment-service-stateful",
      "qa-payment-service-stateless",
      "qa-subscription-service-stateful",
      "qa-subscription-service-stateless",
      "qa-subscription-service-billing",
      "qa-purchase-service-stateful",
      "qa-purchase-service-stateless",
      "qa-console-stateful",
      "qa-console-stateless",
    ]);
  });

  it("are each service's values a deploy refuses", () => {
    const leaves = (value: unknown): unknown[] =>
      value && typeof value === "object" ? Object.values(value).flatMap(leaves) : [value];
    for (const service of SERVICES) {
      const values = leaves(service.settings?.placeholders ?? {});
      expect(
        values.filter((v) => typeof v !== "string" || !isPlaceholder(v)),
        service.name,
      ).toEqual([]);
    }
  });
});
