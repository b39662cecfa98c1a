import { html } from "hono/html";
import type { ApiAnswer } from "../ports/roster-api.port.ts";
import { label, shown } from "./format.ts";
import type { Html } from "./layout.view.ts";

/** Never shown, whatever a service answers: the console has no use for them (seed 003: no SSN). */
const WITHHELD = /ssn|social_security|password|secret|token|receipt|signed/i;
const MAX_COLUMNS = 8;

type Row = Record<string, unknown>;

/** An answer's state as a section shows it: its data, "none" for a 404, or the problem in plain words. */
export function answerOr(answer: ApiAnswer, show: (body: unknown) => Html, none = "None."): Html {
  if (answer.status === 404) return html`<p>${none}</p>`;
  if (answer.status >= 200 && answer.status < 300) return show(answer.body);
  const problem = (answer.body ?? {}) as { title?: string; detail?: string };
  return html`<p class="problem">Could not be read (${answer.status}): ${problem.detail ?? problem.title ?? "no reason given"}</p>`;
}

/** One record as a list of its fields. */
export function fieldList(record: unknown): Html {
  const entries = Object.entries((record ?? {}) as Row).filter(
    ([name, value]) => !WITHHELD.test(name) && typeof value !== "object",
  );
  if (entries.length === 0) return html`<p>None.</p>`;
  return html`<dl class="fields">${entries.map(([name, value]) => html`<dt>${label(name)}</dt><dd>${shown(value)}</dd>`)}</dl>`;
}

/** Records (a page's `items`, or a list) as a table of their plain fields, the first eight of them. */
export function recordTable(body: unknown, caption: string, columns?: readonly string[]): Html {
  const rows = itemsOf(body);
  if (rows.length === 0) return html`<p>None.</p>`;
  const names =
    columns ??
    [...new Set(rows.flatMap((row) => Object.keys(row)))]
      .filter(
        (name) =>
          !WITHHELD.test(name) && rows.some((row) => typeof row[name] !== "object" || row[name] === null),
      )
      .slice(0, MAX_COLUMNS);
  return html`<div class="scroll" tabindex="0" role="region" aria-label="${caption}"><table>
    <caption class="visually-hidden">${caption}</caption>
    <thead><tr>${names.map((name) => html`<th scope="col">${label(name)}</th>`)}</tr></thead>
    <tbody>${rows.map((row) => html`<tr>${names.map((name) => html`<td>${shown(row[name])}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}

export function itemsOf(body: unknown): Row[] {
  if (Array.isArray(body)) return body as Row[];
  const items = (body as { items?: unknown; data?: unknown } | undefined)?.items;
  if (Array.isArray(items)) return items as Row[];
  const data = (body as { data?: unknown } | undefined)?.data;
  return Array.isArray(data) ? (data as Row[]) : [];
}
