import { html } from "hono/html";
import { holds, type Operator } from "../domain/operator.ts";
import type { DeadLetterEntry } from "../ports/dead-letter-box.port.ts";
import { when } from "./format.ts";
import { type Html, page } from "./layout.view.ts";

/** Every worker's dead letters with why each was given up, and (for admins) a redrive button. */
export function deadLettersPage(view: {
  readonly operator: Operator;
  readonly csrfToken: string;
  readonly entries: readonly DeadLetterEntry[];
  readonly redriven?: number | undefined;
  /** The queues that could not be read (DeadLetterListing.problems): the page never claims all is well then. */
  readonly problems?: readonly string[] | undefined;
}): Html {
  const { operator, csrfToken, entries } = view;
  const admin = holds(operator, "admin");
  const problems = view.problems ?? [];
  return page(
    { title: "Dead letters", operator, csrfToken, section: "dead-letters" },
    html`<h1>Dead letters</h1>
      ${view.redriven === undefined ? "" : html`<p class="notice" role="status">Redriven: ${view.redriven} ${view.redriven === 1 ? "record" : "records"} sent back to ${view.redriven === 1 ? "its worker" : "their workers"}.</p>`}
      <p>Records and messages a worker gave up on after its retries. A redrive sends them back to the same worker, which skips what it already did.${admin ? "" : " Redriving needs the admin role."}</p>
      ${
        problems.length === 0
          ? ""
          : html`<div class="notice" role="alert"><p>Not read, so not listed:</p><ul>${problems.map((problem) => html`<li>${problem}</li>`)}</ul></div>`
      }
      ${
        entries.length === 0
          ? problems.length === 0
            ? html`<p>No dead letter: every worker is keeping up.</p>`
            : html`<p>No dead letter in the queues that could be read.</p>`
          : html`<div class="scroll" tabindex="0" role="region" aria-label="Dead letters"><table>
        <caption class="visually-hidden">Dead letters</caption>
        <thead><tr><th scope="col">Failed</th><th scope="col">Worker or queue</th><th scope="col">Source</th><th scope="col">Event</th><th scope="col">Member</th><th scope="col">Why</th><th scope="col">Attempts</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${entries.map(
          (entry, index) => html`<tr>
          <td><time datetime="${entry.failedAt}">${when(entry.failedAt)}</time></td>
          <td>${entry.owner}</td>
          <td>${entry.source}</td>
          <td>${entry.eventType ?? ""}</td>
          <td>${entry.member ? html`<a href="/console/members/${encodeURIComponent(entry.member)}">${entry.member}</a>` : ""}</td>
          <td>${entry.reason}${entry.error ? html`<br /><small>${entry.error}</small>` : ""}</td>
          <td>${entry.attempts}</td>
          <td>${
            entry.redriveRequested
              ? "redrive requested"
              : // A queue is redriven whole: its button (or why none) once, on its first message.
                entry.kind === "queue" && entries.findIndex((other) => other.id === entry.id) !== index
                ? ""
                : entry.noRedrive !== undefined
                  ? html`<small>${entry.noRedrive}</small>`
                  : admin
                    ? html`<form method="post" action="/console/dead-letters/redrive" class="inline">
                  <input type="hidden" name="_csrf" value="${csrfToken}" />
                  <input type="hidden" name="id" value="${entry.id}" />
                  <button type="submit" class="secondary">${entry.kind === "stream" ? "Redrive" : `Redrive the ${entry.owner} queue`}</button>
                </form>`
                    : ""
          }</td>
        </tr>`,
        )}</tbody>
      </table></div>`
      }`,
  );
}
