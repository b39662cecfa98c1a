import type { PreviewedChange } from "../domain/member-action.ts";
import type { Operator } from "../domain/operator.ts";
import type { ApiAnswer } from "./roster-api.port.ts";

/** A member a search found, with what matched. */
export interface FoundMember {
  readonly userId: string;
  readonly firstName: string | undefined;
  readonly lastName: string | undefined;
  readonly email: string | undefined;
  readonly phone: string | undefined;
  readonly status: string | undefined;
  readonly matchedBy: string;
}

/** The parts of the member page, each as its service answered (a refusal shows as its problem). */
export const MEMBER_SECTIONS = [
  "user",
  "history",
  "membership",
  "memberships",
  "tags",
  "phone",
  "balanceSettings",
  "consents",
  "mla",
  "kyc",
  "cancelPreview",
  "subscription",
  "charges",
  "purchases",
] as const;
export type MemberSection = (typeof MEMBER_SECTIONS)[number];
export type MemberOverview = Readonly<Record<MemberSection, ApiAnswer>>;

/** What the console reads about members, through the services' APIs as the operator. */
export interface MemberDirectory {
  /** Members matching the operator's words or an id of theirs (see domain/find-query.ts). */
  find(
    operator: Operator,
    query: string,
  ): Promise<{ readonly members: FoundMember[]; readonly problems: string[] }>;
  overview(operator: Operator, memberId: string): Promise<MemberOverview>;
  /** What a change would do now, as the User Service previews it (nothing is changed). */
  preview(operator: Operator, memberId: string, change: PreviewedChange, tier?: string): Promise<ApiAnswer>;
  /** Whose charge a confirmation id is (undefined when the Payment Service knows none). */
  chargeOwner(operator: Operator, confirmationId: string): Promise<string | undefined>;
}
