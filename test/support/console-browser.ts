/**
 * A browser's part in the console's flows, over an app's `fetch`: it keeps cookies as a browser
 * does (name=value per Set-Cookie, removed when they expire), follows redirects one at a time so a
 * test can see each, and sends forms with the Origin a browser would. No HTML parsing beyond what a
 * test asks for (a hidden input's value, a link).
 */
export class ConsoleBrowser {
  readonly #fetch: (request: Request) => Response | Promise<Response>;
  readonly origin: string;
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie header seen, as sent (for the tests of their attributes). */
  readonly setCookies: string[] = [];

  constructor(fetch: (request: Request) => Response | Promise<Response>, origin = "http://127.0.0.1:3000") {
    this.#fetch = fetch;
    this.origin = origin;
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0)
      headers.set("cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await this.#fetch(
      new Request(new URL(path, this.origin), { ...init, headers, redirect: "manual" }),
    );
    for (const header of response.headers.getSetCookie()) {
      this.setCookies.push(header);
      const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
      const [name = "", ...rest] = pair.split("=");
      const value = rest.join("=");
      const gone = attributes.some(
        (attribute) =>
          /^max-age=0$/i.test(attribute) ||
          (/^expires=/i.test(attribute) && Date.parse(attribute.slice(8)) < Date.now()),
      );
      if (gone || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** GET, following redirects (at most 10); answers the last response and the URL it came from. */
  async visit(path: string): Promise<{ response: Response; url: string; html: string }> {
    let url = new URL(path, this.origin).toString();
    for (let hop = 0; hop < 10; hop++) {
      const response = await this.request(url);
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url).toString();
        continue;
      }
      return { response, url, html: await response.text() };
    }
    throw new Error(`more than 10 redirects from ${path}`);
  }

  /** Posts a form as the page's own (same Origin), following the redirect that answers it. */
  async submit(
    path: string,
    fields: Record<string, string>,
    options: { readonly origin?: string } = {},
  ): Promise<{ response: Response; url: string; html: string }> {
    const response = await this.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: options.origin ?? this.origin },
      body: new URLSearchParams(fields).toString(),
    });
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) return this.visit(location);
    return { response, url: new URL(path, this.origin).toString(), html: await response.text() };
  }

  /** Signs in on the local issuer's page as `operator` (ada, grace, sam). */
  async signIn(
    operator: string,
    returnTo = "/console",
  ): Promise<{ response: Response; url: string; html: string }> {
    const login = await this.visit(`/console/login?return=${encodeURIComponent(returnTo)}`);
    const authorize = new URL(login.url);
    const fields = Object.fromEntries(authorize.searchParams);
    return this.submit(authorize.pathname, { ...fields, operator });
  }
}

/** The value of the first `<input name="<name>" value="...">` in a page. */
export function inputValue(html: string, name: string): string | undefined {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return match?.[1];
}

/** A page's text without its tags, spaces collapsed (what a reader sees, near enough). */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&amp;", "&")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replace(/\s+/g, " ")
    .trim();
}
