import type { Page, PageRequest } from "../../platform/store/page.ts";
import type { UserRecord } from "../domain/user-change.ts";
import type { SearchTerm } from "../domain/user-search.ts";

/** Operator search over the users' profiles (the `usermodel` projection, read from a replica on AWS). */
export interface UserSearch {
  /**
   * Users matching every term (see domain/user-search.ts), ordered by last name, first name and id.
   * Throws InvalidCursorError for a cursor it did not issue.
   */
  search(terms: readonly SearchTerm[], page: PageRequest): Promise<Page<UserRecord>>;
}
