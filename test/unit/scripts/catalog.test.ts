import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLOWS } from "../../../scripts/catalog/flows.ts";
import { utils } from "../../../scripts/catalog/messages.write.ts";
import { catalogOf, nameOf, SERVICES } from "../../../scripts/catalog/model.ts";
import { writeCatalog } from "../../../scripts/catalog/write.ts";

const committed = fileURLToPath(new URL("../../../docs/catalog", import.meta.url));

function filesOf(dir: string, under = ""): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesOf(dir, join(under, entry.name)) : [join(under, entry.name)],
    )
    .sort();
}

describe("the event catalogue", () => {
  let fresh: string;
  /** A message's kind as EventCatalog reads it: the folder its version is written in. */
  const kindOf = ({ id, version }: { id: string; version?: string }) => {
    const holds = (folder: string) =>
      [join(folder, id, "index.mdx"), join(folder, id, "versioned", version ?? "", "index.mdx")].some(
        (file) =>
          existsSync(join(fresh, file)) &&
          readFileSync(join(fresh, file), "utf8").includes(`\nversion: ${version}\n`),
      );
    const folder = ["commands", "queries", "events"].find(holds);
    return [
      id,
      version,
      folder ? { commands: "command", queries: "query", events: "event" }[folder] : "missing",
    ];
  };
  beforeAll(async () => {
    fresh = mkdtempSync(join(tmpdir(), "roster-catalog-"));
    await writeCatalog(fresh, catalogOf(), FLOWS);
  });
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  it("is committed as docs/catalog exactly as the code makes it (run `npm run catalog`)", () => {
    const files = filesOf(fresh);
    expect(filesOf(committed), "the files of docs/catalog").toEqual(files);
    const stale = files.find(
      (file) => readFileSync(join(fresh, file), "utf8") !== readFileSync(join(committed, file), "utf8"),
    );
    expect(stale, "the first stale file of docs/catalog").toBeUndefined();
  });

  it("holds every message of the four AsyncAPI documents with its producer and consumers", () => {
    const events = new Map(catalogOf().events.map((e) => [`${e.id} ${e.version}`, e]));
    for (const service of SERVICES) {
      const { operations, components } = service.document;
      for (const op of Object.values(operations)) {
        for (const ref of op.messages) {
          const key = ref.$ref.split("/").at(-1)!;
          const { id, version } = nameOf(components.messages[key]!, key);
          const event = events.get(`${id} ${version}`);
          expect(event, `${service.id} ${op.action}s ${id} ${version}`).toBeDefined();
          if (op.action === "send") expect(event!.producer).toBe(service.id);
          else expect(event!.consumers).toContain(service.id);
        }
      }
    }
  });

  it("names the Subscription Service's messages, their kinds and versions as seed 002 does", async () => {
    const sdk = utils(fresh);
    const subscriptions = await sdk.getService("SubscriptionService");
    expect([subscriptions?.name, subscriptions?.version]).toEqual(["Subscription Service", "0.0.1"]);
    const received = (subscriptions?.receives ?? []).map(kindOf);
    expect(received).toEqual(
      expect.arrayContaining([
        ["SubscribeUser", "0.0.1", "command"],
        ["CancelSubscription", "0.0.1", "command"],
        ["GetSubscriptionStatus", "0.0.2", "query"],
        ["PaymentProcessed", "0.0.1", "event"],
      ]),
    );
    const sent = (subscriptions?.sends ?? []).map(kindOf);
    expect(sent).toEqual(
      expect.arrayContaining([
        ["UserSubscriptionStarted", "0.0.1", "event"],
        ["UserSubscriptionCancelled", "0.0.1", "event"],
      ]),
    );
    const status = await sdk.getQuery("GetSubscriptionStatus", "0.0.2");
    expect(status?.operation).toEqual({
      method: "GET",
      path: "/subscriptions/{userId}/status",
      statusCodes: ["200"],
    });
  });

  it("writes the purchases worker's FetchSubscription as a command, with its queue and schema", async () => {
    const sdk = utils(fresh);
    expect(kindOf({ id: "FetchSubscription", version: "1.0.0" })).toEqual([
      "FetchSubscription",
      "1.0.0",
      "command",
    ]);
    const fetch = await sdk.getCommand("FetchSubscription");
    expect(fetch?.channels).toEqual([{ id: "purchases-fetch.fifo", version: "0.1.0" }]);
    const purchases = await sdk.getService("PurchasesService");
    expect(purchases?.sends?.map((m) => m.id)).toContain("FetchSubscription");
    expect(purchases?.receives?.map((m) => m.id)).toContain("FetchSubscription");
  });

  it("gives each HTTP command and query its request's and its answer's JSON schema and examples", () => {
    const subscribe = catalogOf().requests.find((r) => r.id === "SubscribeUser")!;
    expect(subscribe.schema).toMatchObject({ $ref: "#/definitions/SubscribeUser" });
    expect(subscribe.examples[0]?.payload).toMatchObject({ planId: "plus:2026-01:MONTHLY" });
    expect(subscribe.answer.status).toBe(201);
    const status = catalogOf().requests.find((r) => r.id === "GetSubscriptionStatus")!;
    expect(status.examples.map((e) => e.payload)).toEqual([{ userId: "auth0|5f7c1e2d9b1a4c0069a1b2c3" }]);
    expect(JSON.stringify(status.answer.schema)).toContain('"lastPaymentDate"');
    const written = readFileSync(join(fresh, "queries/GetSubscriptionStatus/answer.json"), "utf8");
    expect(JSON.parse(written)).toEqual(status.answer.schema);
  });

  it("names in its flows only messages, services and flows the catalogue holds (a rename breaks a flow)", async () => {
    const sdk = utils(fresh);
    const named = FLOWS.flatMap((flow) =>
      flow.steps.flatMap((step) => [
        ...(step.message ? [["message", step.message.id, step.message.version] as const] : []),
        ...(step.service ? [["service", step.service.id, step.service.version] as const] : []),
        ...(step.flow ? [["flow", step.flow.id, step.flow.version] as const] : []),
      ]),
    );
    expect(named.length).toBeGreaterThan(FLOWS.length);
    const found = async ([kind, id, version]: readonly [string, string, string | undefined]) => {
      if (kind === "service") return (await sdk.getService(id, version))?.version === version;
      if (kind === "flow") return (await sdk.getFlow(id, version))?.version === version;
      return kindOf({ id, version })[2] !== "missing";
    };
    const missing = [];
    for (const name of named) if (!(await found(name))) missing.push(name.join(" "));
    expect(missing, "named by a flow but not in the catalogue").toEqual([]);
  });

  it("writes the flows of seed 004 and of each service, every step leading to a step of its flow", async () => {
    const sdk = utils(fresh);
    const ids = (await sdk.getFlows()).map((flow) => flow.id);
    expect(ids).toEqual(
      expect.arrayContaining(["ChargebackBan", "PauseSkipped", "PauseResume", "UserChangesFeed"]),
    );
    expect(ids).toEqual(expect.arrayContaining(["PaymentCharge", "PaymentRefund", "PaymentDispute"]));
    expect(ids).toEqual(
      expect.arrayContaining(["SubscriptionStart", "SubscriptionRenewal", "StoreNotification"]),
    );
    for (const flow of FLOWS) {
      const stepIds = new Set(flow.steps.map((step) => step.id));
      const targets = flow.steps.flatMap((step) =>
        [step.next_step, ...(step.next_steps ?? [])].flatMap((next) =>
          next === undefined ? [] : [typeof next === "object" ? next.id : next],
        ),
      );
      expect(
        targets.filter((id) => !stepIds.has(id)),
        `${flow.id}'s steps lead nowhere`,
      ).toEqual([]);
    }
  });
});
