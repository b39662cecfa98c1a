/**
 * What each console role's IAM role may call on the services' APIs (`execute-api:Invoke`): support
 * reads (GET on every API), mx also takes the member actions, admin also refunds. The paths are the
 * console's own calls (src/console/adapters/http/member-action.requests.ts) with `*` for each id;
 * test/infra/console.test.ts checks that every action's call is granted to its role and no lower one.
 * IAM decides as well as the console's own check, so a console bug cannot make support act.
 */
export const OPERATOR_ROLE_NAMES = ["support", "mx", "admin"] as const;
export type OperatorRoleName = (typeof OPERATOR_ROLE_NAMES)[number];

/** The registry's names of the APIs the console calls (shared/apis.registry.ts). */
export const CONSOLE_APIS = ["users", "payments", "subscriptions", "purchases"] as const;
export type ConsoleApi = (typeof CONSOLE_APIS)[number];

export interface OperatorRoute {
  readonly api: ConsoleApi;
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** As execute-api's ARN names it; `*` matches any characters, slashes too. */
  readonly path: string;
}

const READS: readonly OperatorRoute[] = CONSOLE_APIS.map((api) => ({ api, method: "GET", path: "/*" }));

const userPost = (path: string): OperatorRoute => ({ api: "users", method: "POST", path: `/*/${path}` });

const MEMBER_ACTIONS: readonly OperatorRoute[] = [
  ...["ban", "unban", "investigate", "clear-investigation"].map((action) => userPost(`user/${action}`)),
  ...[
    "reactivate",
    "cancel",
    "retract",
    "pause",
    "unpause",
    "upgrade",
    "downgrade",
    "downgrade/finalize",
  ].map((action) => userPost(`membership/${action}`)),
  { api: "users", method: "PUT", path: "/*/tags/*" },
  { api: "users", method: "DELETE", path: "/*/tags/*" },
  { api: "purchases", method: "POST", path: "/user/subscriptions/*/*/revalidate" },
];

const REFUNDS: readonly OperatorRoute[] = [
  { api: "payments", method: "POST", path: "/payments/charges/*/refunds" },
];

export const OPERATOR_ROUTES: Readonly<Record<OperatorRoleName, readonly OperatorRoute[]>> = {
  support: READS,
  mx: [...READS, ...MEMBER_ACTIONS],
  admin: [...READS, ...MEMBER_ACTIONS, ...REFUNDS],
};
