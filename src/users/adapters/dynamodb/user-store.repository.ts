import { setTimeout } from "node:timers/promises";
import type { Page, PageRequest } from "../../../platform/store/page.ts";
import {
  type CancellationReason,
  ConditionFailedError,
  TransactionCanceledError,
} from "../../../platform/store/store.errors.ts";
import type { TableStore, TransactWrite } from "../../../platform/store/table-store.port.ts";
import type { MlaLookupRecord } from "../../domain/mla.ts";
import type { PhoneRecord } from "../../domain/phone.ts";
import {
  ConcurrentUpdateError,
  EmailInUseError,
  PhoneInUseError,
  UserExistsError,
} from "../../domain/user.errors.ts";
import type { Tag, User, UserEventType } from "../../domain/user.ts";
import type { MlaLookupRepository } from "../../ports/mla-lookup.repository.ts";
import type { PhoneRepository } from "../../ports/phone.repository.ts";
import type { UserRepository, UserVersion } from "../../ports/user.repository.ts";
import type { UserTagRepository } from "../../ports/user-tag.repository.ts";
import { claimEmail, releaseEmail } from "./email-claim.writes.ts";
import { PHONE_CLAIM_OFFSET, phoneWrites, releaseClaim } from "./phone-claim.writes.ts";
import {
  emailClaimKey,
  emailGsiPk,
  fromMlaLookupItem,
  fromPhoneItem,
  fromTagItem,
  fromUserItem,
  fromUserVersionItem,
  MLA_SK_PREFIX,
  phoneGsiPk,
  phoneItemKey,
  TAG_SK_PREFIX,
  toMlaLookupItem,
  toPhoneItem,
  toTagItem,
  toUserItem,
  USER_SK_PREFIX,
  userPk,
} from "./user.mapper.ts";
import { VERSION_WRITES, versionWrites } from "./user-version.writes.ts";
import { usersTable } from "./users.tables.ts";

/** Sign-up's writes by position: the user, the START_DATE tag, the email's claim, then the phone's. */
const SIGN_UP_USER = 0;
const SIGN_UP_START_TAG = 1;
const SIGN_UP_EMAIL_CLAIM = 2;
const SIGN_UP_WRITES = 3;
/** Tries of a sign-up that only met DynamoDB's TransactionConflict (another transaction on a claim). */
const SIGN_UP_ATTEMPTS = 5;
const failed = (reason: CancellationReason | undefined) => reason === "ConditionalCheckFailed";

/**
 * Users on the single table: versioned USER items, TAG, PHONE and MLA_LOOKUP items beside them, phone
 * claims. One class for the four ports, as their writes share one transaction with the user's version.
 */
export class UserStoreRepository
  implements UserRepository, UserTagRepository, PhoneRepository, MlaLookupRepository
{
  readonly #store: TableStore;
  constructor(store: TableStore) {
    this.#store = store;
  }

  async create(user: User, startTag: Tag, eventType: UserEventType, phone?: PhoneRecord): Promise<void> {
    // The START_DATE tag is written once per user, at sign-up: it doubles as the guard that makes a
    // second sign-up of the same id fail inside the transaction, whatever the racing request does.
    const notThere = { attributeNotExists: "PK" } as const;
    const writes: TransactWrite[] = [
      { put: { table: usersTable, item: toUserItem(user, eventType), condition: notThere } },
      { put: { table: usersTable, item: toTagItem(user.user_id, startTag), condition: notThere } },
      claimEmail(user.user_email, user.user_id),
      ...(phone ? phoneWrites(phone) : []),
    ];
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#store.transactWrite(writes);
      } catch (error) {
        if (!(error instanceof TransactionCanceledError)) throw error;
        const { reasons } = error;
        if (failed(reasons[SIGN_UP_USER]) || failed(reasons[SIGN_UP_START_TAG]))
          throw new UserExistsError(user.user_id);
        if (failed(reasons[SIGN_UP_EMAIL_CLAIM])) throw new EmailInUseError();
        if (failed(reasons[SIGN_UP_WRITES + PHONE_CLAIM_OFFSET])) throw new PhoneInUseError();
        // Only DynamoDB's TransactionConflict: another transaction held a claim or the user meanwhile.
        // Once it ends the claim is decided, so the sign-up is tried again and learns the outcome.
        if (attempt >= SIGN_UP_ATTEMPTS) throw new ConcurrentUpdateError(user.user_id);
        await setTimeout(attempt * 20 * Math.random());
      }
    }
  }

  async savePhone(previous: User, next: User, record: PhoneRecord, released?: string): Promise<void> {
    const release = released ? [releaseClaim(released, previous.user_id)] : [];
    const claimAt = VERSION_WRITES + PHONE_CLAIM_OFFSET;
    await this.#commitVersion(
      previous,
      next,
      "USER_UPDATED",
      [...phoneWrites(record), ...release],
      (reasons) => (reasons[claimAt] === "ConditionalCheckFailed" ? new PhoneInUseError() : undefined),
    );
  }

  async updatePhone(record: PhoneRecord): Promise<void> {
    try {
      await this.#store.put(usersTable, toPhoneItem(record), {
        equals: ["phone_number", record.phone_number],
      });
    } catch (error) {
      if (error instanceof ConditionFailedError) throw new ConcurrentUpdateError(record.user_id);
      throw error;
    }
  }

  async phone(userId: string): Promise<PhoneRecord | undefined> {
    const item = await this.#store.get(usersTable, phoneItemKey(userId));
    return item && fromPhoneItem(item);
  }

  async saveVersion(previous: User, next: User, eventType: UserEventType): Promise<void> {
    if (next.user_email === previous.user_email) return this.#commitVersion(previous, next, eventType, []);
    // A user from before emails were claimed holds no claim: there is none to release then.
    const held = await this.#store.get(usersTable, emailClaimKey(previous.user_email));
    const release =
      held?.user_id === previous.user_id ? [releaseEmail(previous.user_email, previous.user_id)] : [];
    const claimAt = VERSION_WRITES;
    return this.#commitVersion(
      previous,
      next,
      eventType,
      [claimEmail(next.user_email, next.user_id), ...release],
      (reasons) => (failed(reasons[claimAt]) ? new EmailInUseError() : undefined),
    );
  }

  saveTag(previous: User, next: User, tag: Tag): Promise<void> {
    const tagWrite = { put: { table: usersTable, item: toTagItem(previous.user_id, tag) } };
    return this.#commitVersion(previous, next, "USER_UPDATED", [tagWrite]);
  }

  saveMlaLookup(previous: User, next: User, tag: Tag, record: MlaLookupRecord): Promise<void> {
    return this.#commitVersion(previous, next, "USER_UPDATED", [
      { put: { table: usersTable, item: toTagItem(previous.user_id, tag) } },
      { put: { table: usersTable, item: toMlaLookupItem(record), condition: { attributeNotExists: "PK" } } },
    ]);
  }

  async mlaLookups(userId: string, page: PageRequest): Promise<Page<MlaLookupRecord>> {
    const { items, cursor } = await this.#store.query(usersTable, {
      partition: userPk(userId),
      sort: { beginsWith: MLA_SK_PREFIX },
      order: "desc",
      limit: page.limit,
      ...(page.cursor ? { cursor: page.cursor } : {}),
    });
    return { items: items.map(fromMlaLookupItem), ...(cursor ? { next_cursor: cursor } : {}) };
  }

  async current(userId: string): Promise<User | undefined> {
    const [item] = (await this.#versions(userId, { limit: 1 })).items;
    return item && fromUserItem(item);
  }

  async history(userId: string, page: PageRequest): Promise<Page<UserVersion>> {
    const { items, cursor } = await this.#versions(userId, page);
    return { items: items.map(fromUserVersionItem), ...(cursor ? { next_cursor: cursor } : {}) };
  }

  async tags(userId: string, page: PageRequest): Promise<Page<Tag>> {
    const { items, cursor } = await this.#store.query(usersTable, {
      partition: userPk(userId),
      sort: { beginsWith: TAG_SK_PREFIX },
      limit: page.limit,
      ...(page.cursor ? { cursor: page.cursor } : {}),
    });
    return { items: items.map(fromTagItem), ...(cursor ? { next_cursor: cursor } : {}) };
  }

  findByEmail(email: string): Promise<User[]> {
    return this.#lookup("GSI1", emailGsiPk(email));
  }

  findByPhone(phone: string): Promise<User[]> {
    return this.#lookup("GSI2", phoneGsiPk(phone));
  }

  /**
   * Only the current version carries GSI1/GSI2 keys, so lookups never answer with an old one. The
   * previous version is marked superseded in the same transaction, on condition that nothing
   * superseded it first: of two writers of one version exactly one wins.
   */
  async #commitVersion(
    previous: User,
    next: User,
    eventType: UserEventType,
    also: TransactWrite[],
    explain: (reasons: readonly CancellationReason[]) => Error | undefined = () => undefined,
  ): Promise<void> {
    try {
      await this.#store.transactWrite([...versionWrites(previous, next, eventType), ...also]);
    } catch (error) {
      if (!(error instanceof TransactionCanceledError)) throw error;
      throw explain(error.reasons) ?? new ConcurrentUpdateError(previous.user_id);
    }
  }

  #versions(userId: string, page: PageRequest) {
    return this.#store.query(usersTable, {
      partition: userPk(userId),
      sort: { beginsWith: USER_SK_PREFIX },
      order: "desc",
      limit: page.limit,
      ...(page.cursor ? { cursor: page.cursor } : {}),
    });
  }

  async #lookup(index: "GSI1" | "GSI2", partition: string): Promise<User[]> {
    const page = await this.#store.query(usersTable, { index, partition, order: "desc", limit: 100 });
    return page.items.map(fromUserItem);
  }
}
