import { Parser } from "@asyncapi/parser";
import { describe, expect, it } from "vitest";
import { purchasesAsyncApiDocument } from "../../../src/purchases/messages/asyncapi.document.ts";

describe("the Purchases Service's AsyncAPI document", () => {
  it("is a valid AsyncAPI 3.0 document per @asyncapi/parser, naming its three queues", async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(purchasesAsyncApiDocument()));
    const notices = diagnostics.filter((d) => d.code !== "asyncapi-latest-version");
    expect(notices.map((d) => `${d.path.join(".")}: ${d.message}`)).toEqual([]);
    expect(
      document
        ?.channels()
        .all()
        .map((c) => c.address())
        .sort(),
    ).toEqual([
      "{stage}-purchases-fetch.fifo",
      "{stage}-purchases-snapshots",
      "{stage}-purchases-soft-opt-ins",
    ]);
  });
});
