import type { Page, PageRequest } from "../../../platform/store/page.ts";
import { ConditionFailedError } from "../../../platform/store/store.errors.ts";
import type { QueryPage, TableStore } from "../../../platform/store/table-store.port.ts";
import { ConsentTakenError } from "../../domain/consent.errors.ts";
import type { Consent } from "../../domain/consent.ts";
import type { ConsentRepository } from "../../ports/consent.repository.ts";
import { consentGsi1Pk, fromConsentItem, toConsentItem, userConsentsGsi2Pk } from "./consent.mapper.ts";
import { usersTable } from "./users.tables.ts";

/** Consents on the single table, append-only: a put that never overwrites, and no update or delete. */
export class ConsentStoreRepository implements ConsentRepository {
  readonly #store: TableStore;
  constructor(store: TableStore) {
    this.#store = store;
  }

  async record(consent: Consent): Promise<void> {
    try {
      await this.#store.put(usersTable, toConsentItem(consent), { attributeNotExists: "PK" });
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      throw new ConsentTakenError(consent.user_id, consent.consent_key, consent.agreement_timestamp);
    }
  }

  async listByUser(userId: string, page: PageRequest): Promise<Page<Consent>> {
    const found = await this.#store.query(usersTable, {
      index: "GSI2",
      partition: userConsentsGsi2Pk(userId),
      order: "desc",
      limit: page.limit,
      cursor: page.cursor,
    });
    return toPage(found);
  }

  async findByKeyAndTimestamp(
    consentKey: string,
    timestamp: string,
    page: PageRequest,
  ): Promise<Page<Consent>> {
    const found = await this.#store.query(usersTable, {
      index: "GSI1",
      partition: consentGsi1Pk(consentKey, timestamp),
      limit: page.limit,
      cursor: page.cursor,
    });
    return toPage(found);
  }
}

function toPage(found: QueryPage): Page<Consent> {
  return {
    items: found.items.map(fromConsentItem),
    ...(found.cursor === undefined ? {} : { next_cursor: found.cursor }),
  };
}
