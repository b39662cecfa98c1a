import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { highestRole, type Operator } from "../domain/operator.ts";
import { CONSOLE_ASSETS_PATH } from "./assets.ts";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageFrame {
  readonly title: string;
  /** Absent on the pages seen before sign-in. */
  readonly operator?: Operator;
  readonly csrfToken?: string;
  /** Which entry of the navigation is this page's. */
  readonly section?: "find" | "dashboard" | "streams" | "dead-letters" | "catalogue";
  /** The page's own scripts among the assets (deferred, in this order, after htmx). */
  readonly scripts?: readonly string[];
}

/**
 * Every console page: a skip link, the navigation, who is signed in with their role and the sign-out
 * button (a POST with the CSRF token), then the page. Pico CSS styles the semantic HTML; no inline
 * script or style, so the Content-Security-Policy can forbid both.
 */
export function page(frame: PageFrame, content: Html): Html {
  const current = (section: PageFrame["section"]) => (frame.section === section ? "page" : "false");
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light" />
    <title>${frame.title} · Roster console</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${CONSOLE_ASSETS_PATH}/pico.min.css" />
    <link rel="stylesheet" href="${CONSOLE_ASSETS_PATH}/console.css" />
    <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"historyEnabled":false}' />
    <script src="${CONSOLE_ASSETS_PATH}/htmx.min.js" defer></script>
    ${(frame.scripts ?? []).map((name) => html`<script src="${CONSOLE_ASSETS_PATH}/${name}" defer></script>`)}
  </head>
  <body>
    <a class="skip" href="#main">Skip to the content</a>
    <header class="container">
      <nav aria-label="Console">
        <ul>
          <li><a href="/console" class="brand"><strong>Roster console</strong></a></li>
        </ul>
        ${
          frame.operator
            ? html`<ul>
          <li><a href="/console" aria-current="${current("find")}">Find a member</a></li>
          <li><a href="/console/dashboard" aria-current="${current("dashboard")}">Dashboard</a></li>
          <li><a href="/console/streams" aria-current="${current("streams")}">Streams</a></li>
          <li><a href="/console/dead-letters" aria-current="${current("dead-letters")}">Dead letters</a></li>
          <li><a href="/console/catalogue" aria-current="${current("catalogue")}">Catalogue</a></li>
          <li>
            <span class="who">${frame.operator.name} <small>(${highestRole(frame.operator)})</small></span>
          </li>
          <li>
            <form method="post" action="/console/logout" class="inline">
              <input type="hidden" name="_csrf" value="${frame.csrfToken ?? ""}" />
              <button type="submit" class="secondary outline">Sign out</button>
            </form>
          </li>
        </ul>`
            : ""
        }
      </nav>
    </header>
    <main id="main" class="container" tabindex="-1">${content}</main>
  </body>
</html>`;
}
