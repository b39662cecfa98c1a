import { createHash } from "node:crypto";
import type { Item, TableStore } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { OperatorRole } from "../../domain/operator.ts";
import type {
  ConsoleSession,
  ConsoleSessionRepository,
  PendingSignIn,
} from "../../ports/console-session.repository.ts";
import { consoleTable } from "./console.tables.ts";

const ITEM = "item";
/** The table keeps a session's hash, never the id the cookie carries: a read of the table signs no one in. */
const sessionKey = (id: string) => ({
  pk: `session#${createHash("sha256").update(id).digest("hex")}`,
  sk: ITEM,
});
const signInKey = (state: string) => ({ pk: `signin#${state}`, sk: ITEM });
const ttlOf = (iso: string) => Math.ceil(Date.parse(iso) / 1000);

/** Sessions and pending sign-ins in the console's table, each ending by its `expiresAt` (and TTL). */
export class ConsoleSessionStore implements ConsoleSessionRepository {
  readonly #store: TableStore;
  readonly #clock: Clock;

  constructor(store: TableStore, clock: Clock) {
    this.#store = store;
    this.#clock = clock;
  }

  async save(session: ConsoleSession): Promise<void> {
    await this.#store.put(consoleTable, {
      ...sessionKey(session.id),
      operatorId: session.operator.id,
      operatorName: session.operator.name,
      operatorEmail: session.operator.email ?? null,
      roles: [...session.operator.roles],
      csrfToken: session.csrfToken,
      createdAt: session.createdAt,
      expiresAt: session.expiresAt,
      ttl: ttlOf(session.expiresAt),
    });
  }

  async find(id: string): Promise<ConsoleSession | undefined> {
    const item = await this.#store.get(consoleTable, sessionKey(id));
    if (!item || this.#ended(item)) return undefined;
    return {
      id,
      operator: {
        id: item.operatorId as string,
        name: item.operatorName as string,
        email: (item.operatorEmail as string | null) ?? undefined,
        roles: item.roles as OperatorRole[],
      },
      csrfToken: item.csrfToken as string,
      createdAt: item.createdAt as string,
      expiresAt: item.expiresAt as string,
    };
  }

  async delete(id: string): Promise<void> {
    await this.#store.delete(consoleTable, sessionKey(id));
  }

  async savePendingSignIn(pending: PendingSignIn): Promise<void> {
    await this.#store.put(consoleTable, {
      ...signInKey(pending.state),
      ...pending,
      ttl: ttlOf(pending.expiresAt),
    });
  }

  async takePendingSignIn(state: string): Promise<PendingSignIn | undefined> {
    const item = await this.#store.delete(consoleTable, signInKey(state));
    if (!item || this.#ended(item)) return undefined;
    return {
      state: item.state as string,
      nonce: item.nonce as string,
      codeVerifier: item.codeVerifier as string,
      returnTo: item.returnTo as string,
      expiresAt: item.expiresAt as string,
    };
  }

  #ended(item: Item): boolean {
    return Date.parse(item.expiresAt as string) <= this.#clock.now().getTime();
  }
}
