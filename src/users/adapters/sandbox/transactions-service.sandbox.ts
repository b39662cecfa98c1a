import { createHash } from "node:crypto";
import { DependencyError, UnavailableError } from "../../../platform/errors/app.errors.ts";
import { ConditionFailedError } from "../../../platform/store/store.errors.ts";
import type { TableSpec } from "../../../platform/store/table-spec.ts";
import type { Item, TableStore } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import type {
  KycSession,
  KycSessionPage,
  KycSessionPageRequest,
  KycSessionRequest,
  PlaidItem,
  TransactionsService,
} from "../../ports/transactions-service.port.ts";

/** The sandbox's own table in the embedded store (never created on AWS). */
export const transactionsSandboxTable = {
  name: "transactions-sandbox",
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
} as const satisfies TableSpec;

/** How long a sandbox KYC session stays open before it reads as EXPIRED. */
export const SANDBOX_KYC_SESSION_TTL_MS = 60 * 60 * 1000;

/** Steering by user id, so a test (or a person on the local runtime) picks the behaviour it needs. */
export const TRANSACTIONS_SANDBOX = {
  /** A user id ending in this has no Plaid items. */
  noPlaidSuffix: "-noplaid",
  /** A user id containing this makes every call for that user fail as unavailable (503). */
  unavailable: "kyc-down",
  /** A user id containing this makes every call for that user fail as a broken dependency (502). */
  failing: "kyc-fail",
} as const;

export interface SandboxTransactionsServiceOptions {
  readonly store: TableStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * The local Transactions Service, durable in the embedded store. Its rules:
 * - every user has one ACTIVE Plaid item at "First Platypus Bank" (`ins_109508`, Plaid's sandbox bank)
 *   whose `item_id` is derived from the user id, unless the id ends in `-noplaid`;
 *   `removePlaidItems` removes it for good (`{ removed: 1 }`, then `{ removed: 0 }`);
 * - `startKycSession` stores a CREATED session (id from the id generator, `created_at` from the clock,
 *   `expires_at` an hour later, `session_url` on the reserved `.invalid` domain); a CREATED session
 *   read after its `expires_at` is EXPIRED;
 * - sessions list newest first, with the store's cursors (a foreign cursor -> InvalidCursorError);
 * - a user id containing `kyc-down` makes every call fail with UnavailableError, `kyc-fail` with
 *   DependencyError, and nothing is written.
 */
export class SandboxTransactionsService implements TransactionsService {
  readonly #store: TableStore;
  readonly #clock: Clock;
  readonly #ids: IdGenerator;

  constructor(options: SandboxTransactionsServiceOptions) {
    this.#store = options.store;
    this.#clock = options.clock;
    this.#ids = options.ids;
  }

  async listPlaidItems(userId: string): Promise<PlaidItem[]> {
    steer(userId);
    if (userId.endsWith(TRANSACTIONS_SANDBOX.noPlaidSuffix)) return [];
    const removed = await this.#store.get(transactionsSandboxTable, removalKey(userId));
    return removed ? [] : [sandboxPlaidItem(userId)];
  }

  async removePlaidItems(userId: string): Promise<{ readonly removed: number }> {
    steer(userId);
    if (userId.endsWith(TRANSACTIONS_SANDBOX.noPlaidSuffix)) return { removed: 0 };
    try {
      await this.#store.put(
        transactionsSandboxTable,
        { ...removalKey(userId), removed_at: this.#clock.now().toISOString() },
        { attributeNotExists: "pk" },
      );
      return { removed: 1 };
    } catch (error) {
      if (error instanceof ConditionFailedError) return { removed: 0 };
      throw error;
    }
  }

  async startKycSession(userId: string, input: KycSessionRequest): Promise<KycSession> {
    steer(userId);
    const now = this.#clock.now();
    const id = this.#ids.next();
    const session: KycSession = {
      kyc_session_id: id,
      user_id: userId,
      provider: input.provider,
      status: "CREATED",
      session_url: `https://kyc-sandbox.invalid/${input.provider}/${encodeURIComponent(id)}`,
      redirect_uri: input.redirect_uri,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SANDBOX_KYC_SESSION_TTL_MS).toISOString(),
    };
    await this.#store.put(
      transactionsSandboxTable,
      { ...(session as unknown as Item), pk: kycPk(userId), sk: `SESSION#${session.created_at}#${id}` },
      { attributeNotExists: "pk" },
    );
    return session;
  }

  async listKycSessions(userId: string, page: KycSessionPageRequest): Promise<KycSessionPage> {
    steer(userId);
    const result = await this.#store.query(transactionsSandboxTable, {
      partition: kycPk(userId),
      sort: { beginsWith: "SESSION#" },
      order: "desc",
      limit: page.limit,
      ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
    });
    const now = this.#clock.now().toISOString();
    const items = result.items.map((item) => withExpiry(fromSessionItem(item), now));
    return result.cursor === undefined ? { items } : { items, next_cursor: result.cursor };
  }
}

function steer(userId: string): void {
  if (userId.includes(TRANSACTIONS_SANDBOX.unavailable)) {
    throw new UnavailableError("the Transactions Service is unavailable; try again later");
  }
  if (userId.includes(TRANSACTIONS_SANDBOX.failing)) {
    throw new DependencyError("the Transactions Service failed; try again later");
  }
}

export function sandboxPlaidItem(userId: string): PlaidItem {
  const digest = createHash("sha256").update(userId).digest("hex").slice(0, 20);
  return {
    item_id: `sandbox-item-${digest}`,
    institution_id: "ins_109508",
    institution_name: "First Platypus Bank",
    status: "ACTIVE",
  };
}

const kycPk = (userId: string) => `KYC#${userId}`;
const removalKey = (userId: string) => ({ pk: `PLAID#${userId}`, sk: "REMOVED" });

function fromSessionItem(item: Item): KycSession {
  const { pk: _pk, sk: _sk, ...session } = item;
  return session as unknown as KycSession;
}

function withExpiry(session: KycSession, now: string): KycSession {
  return session.status === "CREATED" && session.expires_at <= now
    ? { ...session, status: "EXPIRED" }
    : session;
}
