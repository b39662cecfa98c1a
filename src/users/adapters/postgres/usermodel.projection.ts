import { type Kysely, sql } from "kysely";
import type { UserRecord } from "../../domain/user-change.ts";
import type { UsermodelProjection } from "../../ports/usermodel-projection.port.ts";
import { toUsermodelRow } from "./usermodel.mapper.ts";
import type { NewUsermodelRow, UsermodelTable, UsersDatabase } from "./usermodel.table.ts";

/** Every column but the key: what a newer version replaces. */
const PROJECTED_COLUMNS = [
  "first_name",
  "last_name",
  "email",
  "address",
  "city",
  "state",
  "zip_code",
  "phone",
  "date_joined",
  "date_updated",
  "employment_validation",
  "install_id",
  "firebase_instance_id",
  "appsflyer_id",
  "app_platform",
] as const satisfies readonly Exclude<keyof UsermodelTable, "user_id">[];

/** Rows per statement of `upsertMany`: 16 parameters each, well under PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 1_000;

/** `usermodel` on PostgreSQL (the primary: the projection writes). */
export class PostgresUsermodelProjection implements UsermodelProjection {
  readonly #db: Kysely<UsersDatabase>;
  constructor(db: Kysely<UsersDatabase>) {
    this.#db = db;
  }

  /**
   * One statement, so it is atomic against a concurrent delivery of another version: PostgreSQL
   * re-checks the guard on the row it locked. An equal date_updated is the same version: no write.
   */
  async upsert(user: UserRecord): Promise<boolean> {
    return (await this.#write([toUsermodelRow(user)])).size > 0;
  }

  /**
   * One multi-row statement per ROWS_PER_STATEMENT users (a single one for any feed batch of up to
   * 1,000 records), with the same guard. A statement cannot touch a row twice, so of one user's versions
   * only the newest goes in; rows are locked in user_id order, so two batches never wait on each other
   * in a cycle. Each statement is atomic on its own: a failure after one of them leaves what it wrote,
   * which a repeat finds already there (the write is idempotent).
   */
  async upsertMany(users: readonly UserRecord[]): Promise<boolean[]> {
    const rows = users.map(toUsermodelRow);
    const newest = new Map<string, number>();
    rows.forEach((row, index) => {
      const held = newest.get(row.user_id);
      if (held === undefined || updatedAt(rows[held] as NewUsermodelRow) < updatedAt(row))
        newest.set(row.user_id, index);
    });
    const chosen = [...newest.values()]
      .map((index) => rows[index] as NewUsermodelRow)
      .sort((a, b) => (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0));
    const written = new Set<string>();
    for (let start = 0; start < chosen.length; start += ROWS_PER_STATEMENT)
      for (const id of await this.#write(chosen.slice(start, start + ROWS_PER_STATEMENT))) written.add(id);
    return rows.map((row, index) => newest.get(row.user_id) === index && written.has(row.user_id));
  }

  /**
   * One statement, so it is atomic against a concurrent delivery of another version: PostgreSQL
   * re-checks the guard on the row it locked. An equal date_updated is the same version: no write.
   * Answers the user ids it inserted or updated.
   */
  async #write(rows: readonly NewUsermodelRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const written = await this.#db
      .insertInto("usermodel")
      .values([...rows])
      .onConflict((conflict) =>
        conflict
          .column("user_id")
          .doUpdateSet((eb) =>
            Object.fromEntries(PROJECTED_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)])),
          )
          .whereRef("usermodel.date_updated", "<", "excluded.date_updated"),
      )
      .returning("user_id")
      .execute();
    return new Set(written.map((row) => row.user_id));
  }

  /** Empties the projection, for a rebuild from the feed. */
  async truncate(): Promise<void> {
    await sql`truncate table usermodel`.execute(this.#db);
  }
}

function updatedAt(row: NewUsermodelRow): number {
  return new Date(row.date_updated as Date | string).getTime();
}
