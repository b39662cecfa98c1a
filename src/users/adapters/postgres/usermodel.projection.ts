import { type Kysely, sql } from "kysely";
import type { UserRecord } from "../../domain/user-change.ts";
import type { UsermodelProjection } from "../../ports/usermodel-projection.port.ts";
import { toUsermodelRow } from "./usermodel.mapper.ts";
import type { UsermodelTable, UsersDatabase } from "./usermodel.table.ts";

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
    const result = await this.#db
      .insertInto("usermodel")
      .values(toUsermodelRow(user))
      .onConflict((conflict) =>
        conflict
          .column("user_id")
          .doUpdateSet((eb) =>
            Object.fromEntries(PROJECTED_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)])),
          )
          .whereRef("usermodel.date_updated", "<", "excluded.date_updated"),
      )
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  /** Empties the projection, for a rebuild from the feed. */
  async truncate(): Promise<void> {
    await sql`truncate table usermodel`.execute(this.#db);
  }
}
