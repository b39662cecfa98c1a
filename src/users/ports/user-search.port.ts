import type { Page, PageRequest } from "../../platform/store/page.ts";
import type { ReportWindow } from "../../platform/time/report-window.ts";
import type { AppPlatform, UserStatus } from "../domain/user.ts";
import type { UserRecord } from "../domain/user-change.ts";
import type { SearchTerm } from "../domain/user-search.ts";

/** The members report's figures: users now by status and platform, and who joined each day. */
export interface MembersReport {
  readonly total: number;
  readonly byStatus: Readonly<Record<UserStatus, number>>;
  readonly byPlatform: Readonly<Record<AppPlatform | "unknown", number>>;
  /** Each day of the window, oldest first: sign-ups that day and every user signed up by its end. */
  readonly daily: readonly { readonly day: string; readonly joined: number; readonly total: number }[];
}

/**
 * Operators' reads of the users' profiles (the `usermodel` projection, read from a replica on AWS):
 * the search, and the dashboard's report.
 */
export interface UserSearch {
  /**
   * Users matching every term (see domain/user-search.ts), ordered by last name, first name and id.
   * Throws InvalidCursorError for a cursor it did not issue.
   */
  search(terms: readonly SearchTerm[], page: PageRequest): Promise<Page<UserRecord>>;
  /** Grouped in the database: two scans of the projection, however many users. */
  membersReport(window: ReportWindow): Promise<MembersReport>;
}
