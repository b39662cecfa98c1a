/** The four services whose APIs the console calls. */
export type RosterServiceName = "users" | "payments" | "subscriptions" | "purchases";

/** One service's IAM-authorized API: its invoke URL with the stage, and the region SigV4 signs for. */
export interface ServiceApi {
  readonly url: string;
  readonly region: string;
}

export type ServiceApis = Readonly<Record<RosterServiceName, ServiceApi>>;

/**
 * Which service answers a path, by its first segment, as the local process's route table decides
 * (src/runtime/local/route-table.ts): each word belongs to one service, and a path starting with none
 * of them is the User Service's (`/{user_id}/...`, `/users/search`, `/consents`, `/asyncapi.json`).
 */
const OWNERS: Readonly<Record<string, RosterServiceName>> = {
  payments: "payments",
  subscriptions: "subscriptions",
  purchases: "purchases",
  user: "purchases",
  apple: "purchases",
  google: "purchases",
};

export function serviceOf(path: string): RosterServiceName {
  const first = path.split("/").find((segment) => segment.length > 0) ?? "";
  return Object.hasOwn(OWNERS, first) ? (OWNERS[first] as RosterServiceName) : "users";
}

/** The API whose invoke URL a request's URL starts with (the longest, should one hold another). */
export function apiOfUrl(apis: ServiceApis, url: URL): ServiceApi | undefined {
  return Object.values(apis)
    .filter((api) => url.href.startsWith(withSlash(api.url)))
    .sort((a, b) => b.url.length - a.url.length)[0];
}

/**
 * The region of an API Gateway invoke URL (`https://<id>.execute-api.<region>.amazonaws.com/<stage>`),
 * else `fallback` (a custom domain names no region).
 */
export function regionOfApiUrl(url: string, fallback: string): string {
  return (
    /^[a-z0-9]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(url).hostname)?.[1] ?? fallback
  );
}

export const withSlash = (base: string) => (base.endsWith("/") ? base : `${base}/`);
