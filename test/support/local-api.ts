/** Calls to a running local process's HTTP API, as a member's or an operator's client makes them. */
import type { LocalProcess } from "./local-process.ts";

/** The path of `user`'s resources: `/<url-encoded id>`. */
export const userPath = (user: string) => `/${encodeURIComponent(user)}`;

/** The email a test member signs up with: their id without `auth0|`, at example.com. */
export const emailOf = (user: string) => `${user.slice("auth0|".length)}@example.com`;

/**
 * A caller of the API of the process `local()` answers: `method` on `url` with `token` as the bearer and
 * `body` as JSON when given. Fails when no process is running.
 */
export function localApi(local: () => LocalProcess | undefined) {
  return async (method: string, url: string, token: string, body?: unknown): Promise<Response> => {
    const running = local();
    if (!running) throw new Error("the local process is not running");
    const json = body === undefined ? {} : { body: JSON.stringify(body) };
    const contentType = body === undefined ? {} : { "content-type": "application/json" };
    return fetch(`${running.base}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...contentType },
      ...json,
    });
  };
}

/** Where `user`'s payment methods are attached at the Payment Service. */
export const paymentMethodsPath = (user: string) =>
  `/payments/users/${encodeURIComponent(user)}/payment-methods`;

/**
 * Attaches Stripe's Visa debit test card to `user` at the Payment Service, as the member's app does
 * before activation (the app tokenises the card with Stripe's client library and sends the `pm_`).
 */
export async function attachTestCard(
  call: (method: string, url: string, token: string, body?: unknown) => Promise<Response>,
  user: string,
  token: string,
): Promise<void> {
  const res = await call("POST", paymentMethodsPath(user), token, { token: "pm_card_visa_debit" });
  if (res.status !== 201) throw new Error(`attaching a test card to ${user} answered ${res.status}`);
}
