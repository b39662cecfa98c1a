import { html } from "hono/html";
import type { Operator } from "../domain/operator.ts";
import type { StreamEntry } from "../ports/stream-reader.port.ts";
import type { StreamFilter } from "../use-cases/streams/tail-streams.query.ts";
import { eventTypeOf } from "../use-cases/streams/tail-streams.query.ts";
import { when } from "./format.ts";
import { type Html, page } from "./layout.view.ts";

/** How often the tail asks for newer records (htmx polling of the rows). */
const REFRESH_SECONDS = 3;

export function streamQuery(filter: StreamFilter): string {
  const params = new URLSearchParams();
  for (const stream of filter.streams) params.append("stream", stream);
  if (filter.member) params.set("member", filter.member);
  if (filter.eventType) params.set("type", filter.eventType);
  return params.toString();
}

/** The live tail: a filter form, and rows that refresh themselves every few seconds. */
export function streamsPage(view: {
  readonly operator: Operator;
  readonly csrfToken: string;
  readonly streamNames: readonly string[];
  readonly filter: StreamFilter;
  readonly entries: readonly StreamEntry[];
}): Html {
  const { filter } = view;
  return page(
    { title: "Streams", operator: view.operator, csrfToken: view.csrfToken, section: "streams" },
    html`<h1>Streams</h1>
      <form method="get" action="/console/streams">
        <fieldset>
          <legend>Streams</legend>
          ${view.streamNames.map(
            (name) =>
              html`<label><input type="checkbox" name="stream" value="${name}" ${filter.streams.length === 0 || filter.streams.includes(name) ? "checked" : ""} /> ${name}</label>`,
          )}
        </fieldset>
        <div class="grid">
          <label>Member (user id) <input name="member" value="${filter.member ?? ""}" autocomplete="off" /></label>
          <label>Event type contains <input name="type" value="${filter.eventType ?? ""}" autocomplete="off" /></label>
        </div>
        <button type="submit">Show</button>
      </form>
      <p>The newest records first; the list follows the streams every ${REFRESH_SECONDS} seconds.</p>
      <div class="scroll" tabindex="0" role="region" aria-label="Stream records"><table>
        <caption class="visually-hidden">Stream records</caption>
        <thead><tr><th scope="col">Arrived</th><th scope="col">Stream</th><th scope="col">Event type</th><th scope="col">Member</th><th scope="col">Record</th></tr></thead>
        <tbody id="stream-rows" aria-live="polite" hx-get="/console/streams/rows?${streamQuery(filter)}" hx-trigger="every ${REFRESH_SECONDS}s" hx-swap="innerHTML">
          ${streamRows(view.entries)}
        </tbody>
      </table></div>`,
  );
}

/** The rows alone: what each refresh swaps in. */
export function streamRows(entries: readonly StreamEntry[]): Html {
  if (entries.length === 0) return html`<tr><td colspan="5">No record matches.</td></tr>`;
  return html`${entries.map(
    (entry) => html`<tr>
      <td><time datetime="${entry.arrivedAt}">${when(entry.arrivedAt)}</time></td>
      <td>${entry.stream}</td>
      <td>${eventTypeOf(entry)}</td>
      <td><a href="/console/members/${encodeURIComponent(entry.partitionKey)}">${entry.partitionKey}</a></td>
      <td><details><summary>Record ${entry.sequence}</summary><pre>${JSON.stringify(entry.record, null, 2)}</pre></details></td>
    </tr>`,
  )}`;
}
