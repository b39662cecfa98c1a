import type { Item, StoredValue, TableStore } from "../../../platform/store/table-store.port.ts";
import type { AuditEntry } from "../../domain/audit-entry.ts";
import type { MemberActionName } from "../../domain/member-action.ts";
import type { AuditTrailRepository } from "../../ports/audit-trail.repository.ts";
import { consoleTable } from "./console.tables.ts";

const memberKey = (memberId: string) => `member#${memberId}`;

/** The audit trail in the console's table: one item per action, under its member, in time order. */
export class AuditTrailStore implements AuditTrailRepository {
  readonly #store: TableStore;

  constructor(store: TableStore) {
    this.#store = store;
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.#store.put(
      consoleTable,
      {
        pk: memberKey(entry.memberId),
        sk: `${entry.at}#${entry.id}`,
        id: entry.id,
        memberId: entry.memberId,
        at: entry.at,
        operatorId: entry.operatorId,
        operatorName: entry.operatorName,
        action: entry.action,
        reason: entry.reason,
        details: { ...entry.details } as Record<string, StoredValue>,
        outcome: entry.outcome,
        status: entry.status,
        problem: entry.problem ?? null,
      },
      { attributeNotExists: "pk" },
    );
  }

  async listFor(memberId: string, limit: number): Promise<AuditEntry[]> {
    const page = await this.#store.query(consoleTable, {
      partition: memberKey(memberId),
      order: "desc",
      limit,
    });
    return page.items.map(entryOf);
  }
}

function entryOf(item: Item): AuditEntry {
  return {
    id: item.id as string,
    memberId: item.memberId as string,
    at: item.at as string,
    operatorId: item.operatorId as string,
    operatorName: item.operatorName as string,
    action: item.action as MemberActionName,
    reason: item.reason as string,
    details: (item.details ?? {}) as AuditEntry["details"],
    outcome: item.outcome as AuditEntry["outcome"],
    status: item.status as number,
    problem: (item.problem as string | null) ?? undefined,
  };
}
