/** A console session for a bench: the OpenID Connect sign-in on the local issuer's page, over HTTP. */
export async function consoleSession(base: string, operator: string): Promise<string> {
  const cookies = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ""] = header.split(";");
      const [name = "", ...value] = pair.split("=");
      cookies.set(name, value.join("="));
    }
    return response;
  };
  const login = await send(`${base}/console/login`);
  const authorize = new URL(login.headers.get("location") as string);
  const answer = await send(authorize.toString().split("?")[0] as string, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), operator }).toString(),
  });
  const callback = await send(answer.headers.get("location") as string);
  if (callback.status !== 303)
    throw new Error(`the sign-in failed: ${callback.status} ${await callback.text()}`);
  return `__Host-roster-console=${cookies.get("__Host-roster-console")}`;
}
