import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  beforeAll(async () => {
    fresh = mkdtempSync(join(tmpdir(), "roster-catalog-"));
    await writeCatalog(fresh, catalogOf());
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

  it("names the Subscription Service's events and versions as seed 002 does", () => {
    const subscriptions = catalogOf().services.find((s) => s.id === "SubscriptionService")!;
    expect([subscriptions.name, subscriptions.version]).toEqual(["Subscription Service", "0.0.1"]);
    const sent = catalogOf()
      .events.filter((e) => e.producer === "SubscriptionService" && e.channel === "roster")
      .map((e) => [e.id, e.version]);
    expect(sent).toEqual(
      expect.arrayContaining([
        ["UserSubscriptionStarted", "0.0.1"],
        ["UserSubscriptionCancelled", "0.0.1"],
      ]),
    );
    const received = catalogOf()
      .events.filter((e) => e.consumers.includes("SubscriptionService"))
      .map((e) => [e.id, e.version]);
    expect(received).toContainEqual(["PaymentProcessed", "0.0.1"]);
  });
});
