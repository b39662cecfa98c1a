import type { Json, JsonResponse } from "./json.ts";

/** Any Hono app (a service's or the local process's), called in process. */
type App = { request(path: string, init?: RequestInit): Response | Promise<Response> };

export interface CallOptions {
  readonly method?: string;
  readonly token?: string;
  readonly body?: unknown;
}

/** Calls the app as an HTTP client would: JSON in, the Response out. */
export function httpClient(app: () => App) {
  return async (path: string, init: CallOptions = {}): Promise<JsonResponse> => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const body =
      init.body === undefined || typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    return app().request(path, {
      method: init.method ?? "GET",
      headers,
      ...(body === undefined ? {} : { body }),
    });
  };
}

export async function jsonOf(response: JsonResponse | Promise<JsonResponse>): Promise<Json> {
  return (await response).json();
}
