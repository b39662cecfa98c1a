import { type Kysely, sql } from "kysely";
import type { CursorCodec } from "../../../platform/store/cursor-codec.ts";
import type { Page, PageRequest } from "../../../platform/store/page.ts";
import { InvalidCursorError } from "../../../platform/store/store.errors.ts";
import type { ReportWindow } from "../../../platform/time/report-window.ts";
import type { UserRecord } from "../../domain/user-change.ts";
import type { SearchTerm } from "../../domain/user-search.ts";
import type { MembersReport, UserSearch } from "../../ports/user-search.port.ts";
import { fromUsermodelRow } from "./usermodel.mapper.ts";
import { readMembersReport } from "./usermodel.report.ts";
import type { UsersDatabase } from "./usermodel.table.ts";

// Both expressions are indexed by migration 0002 and must stay identical to it, or the planner
// falls back to scanning the table.
const SEARCH_DOCUMENT = sql<string>`lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' ||
  coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(city, ''))`;
const SORT_NAME = sql<string>`lower(coalesce(last_name, '') || ' ' || coalesce(first_name, ''))`;

/** Where the previous page ended: the sort key of its last row. */
interface SearchPosition {
  readonly name: string;
  readonly id: string;
}

/**
 * Operator search on `usermodel`, keyset-paginated by (last name, first name, user_id). The cursor is
 * the last row's sort key sealed by the API's cursor codec, bound to the search terms.
 */
export class PostgresUserSearch implements UserSearch {
  readonly #db: Kysely<UsersDatabase>;
  readonly #cursors: CursorCodec;
  /** `db`: a read connection, on AWS the read replica when DATABASE_READ_URL is set. */
  constructor(db: Kysely<UsersDatabase>, cursors: CursorCodec) {
    this.#db = db;
    this.#cursors = cursors;
  }

  membersReport(window: ReportWindow): Promise<MembersReport> {
    return readMembersReport(this.#db, window);
  }

  async search(terms: readonly SearchTerm[], page: PageRequest): Promise<Page<UserRecord>> {
    const binding = JSON.stringify(["user-search", terms]);
    const after =
      page.cursor === undefined ? undefined : positionOf(this.#cursors.open(binding, page.cursor));
    let query = this.#db.selectFrom("usermodel").selectAll().select(SORT_NAME.as("sort_name"));
    for (const term of terms) {
      // Spaces separate the fields in the document and never occur in a term: no match spans two fields.
      const forms = term.digits ? [term.text, term.digits] : [term.text];
      query = query.where((eb) => eb.or(forms.map((form) => eb(SEARCH_DOCUMENT, "like", containing(form)))));
    }
    if (after) query = query.where(sql<boolean>`(${SORT_NAME}, user_id) > (${after.name}, ${after.id})`);
    const rows = await query
      .orderBy(SORT_NAME)
      .orderBy("user_id")
      .limit(page.limit + 1)
      .execute();
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return {
      items: items.map(({ sort_name: _, ...row }) => fromUsermodelRow(row)),
      ...(rows.length > page.limit && last
        ? { next_cursor: this.#cursors.seal(binding, [last.sort_name, last.user_id]) }
        : {}),
    };
  }
}

/** A LIKE pattern for `text` anywhere, its own wildcards taken literally. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function positionOf(position: unknown): SearchPosition {
  if (!Array.isArray(position) || position.length !== 2) throw new InvalidCursorError();
  const [name, id] = position as unknown[];
  if (typeof name !== "string" || typeof id !== "string") throw new InvalidCursorError();
  return { name, id };
}
