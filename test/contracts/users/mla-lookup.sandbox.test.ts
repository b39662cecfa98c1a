import { describe, expect, it } from "vitest";
import { sequentialIds } from "../../../src/platform/time/id-generator.port.ts";
import {
  MLA_SANDBOX_SSNS,
  SandboxMlaLookup,
} from "../../../src/users/adapters/sandbox/mla-lookup.sandbox.ts";
import { mlaLookupContract, subjectWith } from "./mla-lookup.contract.ts";

mlaLookupContract("the sandbox", async () => ({
  lookup: new SandboxMlaLookup({ ids: sequentialIds("mla") }),
}));

describe("the MLA sandbox", () => {
  it("answers by the SSN's serial number alone, as its documentation says", async () => {
    const lookup = new SandboxMlaLookup({ ids: sequentialIds("mla") });
    expect(await lookup.lookup(subjectWith("523-91-1203"))).toEqual({
      message_number: "1203",
      message_text: "Covered borrower",
      experian_transaction_id: "sandbox-mla-1",
      is_military: true,
    });
    expect(await lookup.lookup(subjectWith(MLA_SANDBOX_SSNS.notCovered))).toEqual({
      message_number: "1205",
      message_text: "Not a covered borrower",
      experian_transaction_id: "sandbox-mla-2",
      is_military: false,
    });
  });
});
