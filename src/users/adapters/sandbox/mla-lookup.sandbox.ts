import { DependencyError, UnavailableError } from "../../../platform/errors/app.errors.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import {
  COVERED_BORROWER_MESSAGE,
  type MlaLookup,
  type MlaLookupResult,
  type MlaSubject,
  NOT_COVERED_MESSAGE,
} from "../../ports/mla-lookup.port.ts";

/**
 * SSNs that steer the sandbox, by their last four digits (the serial number). Any valid SSN works; these
 * are ready-made examples. The serials read as the answer they give.
 */
export const MLA_SANDBOX_SSNS = {
  /** Serial 1203 -> message 1203, a covered borrower (`is_military` true). */
  coveredBorrower: "401-23-1203",
  /** Any other serial -> message 1205, not a covered borrower. */
  notCovered: "401-23-4567",
  /** Serial 0502 -> Experian fails: DependencyError (502). */
  experianFailure: "401-23-0502",
  /** Serial 0503 -> Experian unavailable: UnavailableError (503). */
  experianUnavailable: "401-23-0503",
} as const;

export const COVERED_BORROWER_TEXT = "Covered borrower";
export const NOT_COVERED_TEXT = "Not a covered borrower";

/**
 * The local Experian MLA service: the answer depends only on the SSN's last four digits.
 * - `1203` (e.g. 401-23-1203): message 1203 "Covered borrower", `is_military` true;
 * - `0502` (e.g. 401-23-0502): Experian fails, DependencyError (502);
 * - `0503` (e.g. 401-23-0503): Experian does not answer, UnavailableError (503);
 * - anything else (e.g. 401-23-4567): message 1205 "Not a covered borrower", `is_military` false.
 * Transaction ids are `sandbox-<next id>`. Nothing is stored or logged.
 */
export class SandboxMlaLookup implements MlaLookup {
  readonly #ids: IdGenerator;

  constructor(options: { readonly ids: IdGenerator }) {
    this.#ids = options.ids;
  }

  async lookup(subject: MlaSubject): Promise<MlaLookupResult> {
    const serial = subject.ssn.slice(-4);
    if (serial === "0502") throw new DependencyError("Experian's MLA service failed; try again later");
    if (serial === "0503") {
      throw new UnavailableError("Experian's MLA service is unavailable; try again later");
    }
    const covered = serial === COVERED_BORROWER_MESSAGE;
    return {
      message_number: covered ? COVERED_BORROWER_MESSAGE : NOT_COVERED_MESSAGE,
      message_text: covered ? COVERED_BORROWER_TEXT : NOT_COVERED_TEXT,
      experian_transaction_id: `sandbox-${this.#ids.next()}`,
      is_military: covered,
    };
  }
}
