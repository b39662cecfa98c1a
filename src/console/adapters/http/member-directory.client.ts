import { findPlan } from "../../domain/find-query.ts";
import type { PreviewedChange } from "../../domain/member-action.ts";
import type { Operator } from "../../domain/operator.ts";
import {
  type FoundMember,
  MEMBER_SECTIONS,
  type MemberDirectory,
  type MemberOverview,
  type MemberSection,
} from "../../ports/member-directory.port.ts";
import type { ApiAnswer, RosterApi } from "../../ports/roster-api.port.ts";

const SEARCH_LIMIT = 25;
const enc = encodeURIComponent;

/** Where each part of the member page is read: the owning service's own route. */
const SECTION_PATHS: Readonly<Record<MemberSection, (id: string) => string>> = {
  user: (id) => `/${enc(id)}/user`,
  history: (id) => `/${enc(id)}/user/history?limit=50`,
  membership: (id) => `/${enc(id)}/membership`,
  memberships: (id) => `/${enc(id)}/memberships?limit=100`,
  tags: (id) => `/${enc(id)}/tags?limit=100`,
  phone: (id) => `/${enc(id)}/phone`,
  balanceSettings: (id) => `/${enc(id)}/balance-settings`,
  consents: (id) => `/${enc(id)}/consents`,
  mla: (id) => `/${enc(id)}/mla`,
  kyc: (id) => `/${enc(id)}/kyc/sessions`,
  // What the cancel form says before it is sent: the float balance that would refuse it, or when it takes effect.
  cancelPreview: (id) => `/${enc(id)}/membership/preview/cancel`,
  subscription: (id) => `/subscriptions/users/${enc(id)}/billing`,
  charges: (id) => `/payments/users/${enc(id)}/charges?limit=50`,
  purchases: (id) => `/user/subscriptions/${enc(id)}`,
};

interface UserFields {
  user_id: string;
  user_first_name?: string;
  user_last_name?: string;
  user_email?: string;
  user_phone?: string;
  user_status?: string;
}

/**
 * The member reads over the services' APIs, in parallel: the User Service's search (its usermodel
 * projection on PostgreSQL) and, for a single word, the look-ups by id each owning service answers.
 */
export class HttpMemberDirectory implements MemberDirectory {
  readonly #api: RosterApi;

  constructor(api: RosterApi) {
    this.#api = api;
  }

  async find(operator: Operator, query: string) {
    const plan = findPlan(query);
    const problems: string[] = [];
    const found = new Map<string, FoundMember>();
    const add = (user: UserFields, matchedBy: string) => {
      if (!found.has(user.user_id)) found.set(user.user_id, summaryOf(user, matchedBy));
    };
    const lookups: Promise<void>[] = [];
    if (plan.id) {
      const id = plan.id;
      lookups.push(
        this.#api.call(operator, { method: "GET", path: `/${enc(id)}/user` }).then((answer) => {
          if (answer.status === 200) add(answer.body as UserFields, "user id");
        }),
        this.chargeOwner(operator, id).then(async (owner) => {
          if (owner) await this.#addUser(operator, owner, "payment confirmation id", add);
        }),
        this.#api
          .call(operator, { method: "GET", path: `/subscriptions/owners?subscription_id=${enc(id)}` })
          .then(async (answer) => {
            const owner = (answer.body as { user_id?: unknown } | undefined)?.user_id;
            if (answer.status === 200 && typeof owner === "string")
              await this.#addUser(operator, owner, "subscription id", add);
          }),
        this.#api.call(operator, { method: "GET", path: `/user/owners/${enc(id)}` }).then(async (answer) => {
          const owners = (answer.body as { user_ids?: unknown } | undefined)?.user_ids;
          if (answer.status === 200 && Array.isArray(owners))
            for (const owner of owners.filter((value): value is string => typeof value === "string"))
              await this.#addUser(operator, owner, "store purchase id", add);
        }),
      );
    }
    const searched = plan.words
      ? this.#api.call(operator, {
          method: "GET",
          path: `/users/search?q=${enc(plan.words)}&limit=${SEARCH_LIMIT}`,
        })
      : undefined;
    await Promise.all(lookups);
    if (searched) {
      const answer = await searched;
      if (answer.status === 200)
        for (const user of (answer.body as { items: UserFields[] }).items) add(user, "name, email or phone");
      else problems.push(`the search answered ${answer.status}: ${problemWords(answer)}`);
    }
    return { members: [...found.values()], problems };
  }

  async overview(operator: Operator, memberId: string): Promise<MemberOverview> {
    const answers = await Promise.all(
      MEMBER_SECTIONS.map((section) =>
        this.#api.call(operator, { method: "GET", path: SECTION_PATHS[section](memberId) }),
      ),
    );
    return Object.fromEntries(MEMBER_SECTIONS.map((section, index) => [section, answers[index]])) as Record<
      MemberSection,
      ApiAnswer
    >;
  }

  preview(operator: Operator, memberId: string, change: PreviewedChange, tier?: string): Promise<ApiAnswer> {
    const query = tier ? `?membership_tier=${enc(tier)}` : "";
    return this.#api.call(operator, {
      method: "GET",
      path: `/${enc(memberId)}/membership/preview/${change}${query}`,
    });
  }

  async chargeOwner(operator: Operator, confirmationId: string): Promise<string | undefined> {
    const answer = await this.#api.call(operator, {
      method: "GET",
      path: `/payments/charges/${enc(confirmationId)}`,
    });
    const owner = (answer.body as { user_id?: unknown } | undefined)?.user_id;
    return answer.status === 200 && typeof owner === "string" ? owner : undefined;
  }

  async #addUser(
    operator: Operator,
    userId: string,
    matchedBy: string,
    add: (user: UserFields, matchedBy: string) => void,
  ): Promise<void> {
    const answer = await this.#api.call(operator, { method: "GET", path: `/${enc(userId)}/user` });
    add(answer.status === 200 ? (answer.body as UserFields) : { user_id: userId }, matchedBy);
  }
}

function summaryOf(user: UserFields, matchedBy: string): FoundMember {
  return {
    userId: user.user_id,
    firstName: user.user_first_name,
    lastName: user.user_last_name,
    email: user.user_email,
    phone: user.user_phone,
    status: user.user_status,
    matchedBy,
  };
}

function problemWords(answer: ApiAnswer): string {
  const body = (answer.body ?? {}) as { detail?: string; title?: string };
  return body.detail ?? body.title ?? "no reason given";
}
