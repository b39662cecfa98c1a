import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { BrazeHttpClient } from "../../../src/purchases/adapters/http/braze.http.ts";
import { LoopbackServer } from "../../support/loopback-server.ts";

const KEY = "braze-rest-key-0123456789";

/** The Braze REST client against a loopback Braze: the identity exchange and the welcome campaign. */
describe("the Braze client", () => {
  let braze: LoopbackServer;
  let client: BrazeHttpClient;
  beforeAll(async () => {
    braze = await LoopbackServer.start(async (request) => {
      if (request.url === "/users/export/ids") {
        const { external_ids } = JSON.parse(request.body) as { external_ids: string[] };
        const users =
          external_ids[0] === "known-external-id"
            ? [{ external_id: external_ids[0], custom_attributes: { identity_id: "auth0|feast" } }]
            : [];
        return { status: 201, body: { users, message: "success" } };
      }
      if (request.url === "/campaigns/trigger/send")
        return { status: 201, body: { dispatch_id: "d-1", message: "success" } };
      return { status: 404, body: { message: "no such endpoint" } };
    });
    client = new BrazeHttpClient({ baseUrl: `${braze.origin}/`, apiKey: () => KEY, timeoutMs: 2_000 });
  });
  afterAll(async () => braze.close());

  it("exchanges an external id for the Roster user Braze holds, and none for an unknown one", async () => {
    expect(await client.identityOf("known-external-id")).toBe("auth0|feast");
    expect(await client.identityOf("someone-else")).toBeUndefined();
    const asked = braze.received.at(-1);
    expect(asked?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(JSON.parse(asked?.body ?? "{}")).toEqual({
      external_ids: ["someone-else"],
      fields_to_export: ["custom_attributes"],
    });
  });

  it("triggers the welcome campaign for the user by external id, the product as a trigger property", async () => {
    await client.sendWelcome({
      campaignId: "feast-welcome",
      userId: "auth0|feast",
      productName: "FeastInAppPurchase",
    });

    expect(JSON.parse(braze.received.at(-1)?.body ?? "{}")).toEqual({
      campaign_id: "feast-welcome",
      recipients: [
        { external_user_id: "auth0|feast", trigger_properties: { product_name: "FeastInAppPurchase" } },
      ],
    });
  });

  it("says a 429 or 5xx may be retried and a 4xx is a configuration error, never naming the key", async () => {
    braze.answerEveryRequestWith({ status: 503, body: { message: "busy" } });
    const busy = await client.identityOf("x").catch((error: unknown) => error);
    braze.answerEveryRequestWith({ status: 401, body: { message: "Invalid API key" } });
    const refused = await client.identityOf("x").catch((error: unknown) => error);
    braze.behave();

    expect(busy).toBeInstanceOf(UnavailableError);
    expect(refused).toBeInstanceOf(Error);
    expect(refused).not.toBeInstanceOf(UnavailableError);
    expect(String(refused)).toMatch(/401/);
    for (const error of [busy, refused]) expect(String(error)).not.toContain(KEY);
  });
});
