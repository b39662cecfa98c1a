import { ValidationError } from "../../../platform/errors/app.errors.ts";
import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Page, PageRequest } from "../../../platform/store/page.ts";
import type { UserRecord } from "../../domain/user-change.ts";
import { searchTermsOf } from "../../domain/user-search.ts";
import type { UserSearch } from "../../ports/user-search.port.ts";

export interface SearchUsersDeps {
  readonly search: UserSearch;
}

/** Operator search over name, email, phone and city; operators only (it reveals many users at once). */
export async function searchUsers(
  deps: SearchUsersDeps,
  principal: Principal | undefined,
  query: string,
  page: PageRequest,
): Promise<Page<UserRecord>> {
  requireKind(principal, ["operator"]);
  const parsed = searchTermsOf(query);
  if (!parsed.ok) throw new ValidationError([{ path: "q", message: parsed.reason }]);
  return deps.search.search(parsed.terms, page);
}
