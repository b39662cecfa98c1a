import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DependencyError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { MLA_SANDBOX_SSNS } from "../../../src/users/adapters/sandbox/mla-lookup.sandbox.ts";
import type { MlaLookup, MlaSubject } from "../../../src/users/ports/mla-lookup.port.ts";

export interface MlaTarget {
  readonly lookup: MlaLookup;
  close?(): Promise<void>;
}

/** A subject with the given SSN (dashes dropped, as the port takes it). */
export function subjectWith(ssn: string): MlaSubject {
  return {
    first_name: "Ada",
    middle_name: "Augusta",
    last_name: "Lovelace",
    date_of_birth: "1990-12-10",
    ssn: ssn.replaceAll("-", ""),
    address: { line1: "12 Analytical Row", city: "Austin", state: "TX", zip_code: "78701" },
  };
}

/** What every MlaLookup adapter answers, for the sandbox's documented SSNs. */
export function mlaLookupContract(adapter: string, open: () => Promise<MlaTarget>): void {
  describe(`MlaLookup contract on ${adapter}`, () => {
    let target: MlaTarget;

    beforeEach(async () => {
      target = await open();
    });
    afterEach(async () => {
      await target.close?.();
    });

    it("answers 1203 for a covered borrower, with is_military", async () => {
      const result = await target.lookup.lookup(subjectWith(MLA_SANDBOX_SSNS.coveredBorrower));
      expect(result).toEqual({
        message_number: "1203",
        message_text: expect.any(String),
        experian_transaction_id: expect.any(String),
        is_military: true,
      });
    });

    it("answers 1205 for anyone else, each lookup with its own transaction id", async () => {
      const first = await target.lookup.lookup(subjectWith(MLA_SANDBOX_SSNS.notCovered));
      const second = await target.lookup.lookup(subjectWith(MLA_SANDBOX_SSNS.notCovered));
      expect(first).toMatchObject({ message_number: "1205", is_military: false });
      expect(second.experian_transaction_id).not.toBe(first.experian_transaction_id);
    });

    it("fails with a DependencyError (502) when Experian fails, saying nothing of the subject", async () => {
      const failure = target.lookup.lookup(subjectWith(MLA_SANDBOX_SSNS.experianFailure));
      await expect(failure).rejects.toThrow(DependencyError);
      await expect(failure).rejects.not.toThrow(/401|0502|1990|12101990/);
    });

    it("fails with an UnavailableError (503) when Experian is unavailable", async () => {
      const failure = target.lookup.lookup(subjectWith(MLA_SANDBOX_SSNS.experianUnavailable));
      await expect(failure).rejects.toThrow(UnavailableError);
      await expect(failure).rejects.not.toThrow(/401|0503|1990|12101990/);
    });
  });
}
