import { DependencyError } from "../../../platform/errors/app.errors.ts";
import type { PhoneRecord } from "../../domain/phone.ts";
import type { PhoneMirror } from "../../ports/phone-mirror.port.ts";

/**
 * Copies the committed phone record to the legacy table. The primary table already holds the change,
 * so a failure here says so, and that the same request finishes it: every phone call repeats the copy.
 */
export async function copyToLegacyTable(
  mirror: PhoneMirror,
  record: PhoneRecord,
  whatIsSaved = "the phone number is saved",
  howToFinish = "repeat the request to finish",
): Promise<void> {
  try {
    await mirror.put(record);
  } catch (cause) {
    throw new DependencyError(
      `${whatIsSaved}, but copying it to the legacy phone table failed; ${howToFinish}`,
      {
        cause,
      },
    );
  }
}
