import { html } from "hono/html";
import type { Operator } from "../domain/operator.ts";
import type { FoundMember } from "../ports/member-directory.port.ts";
import { type Html, page } from "./layout.view.ts";

export interface FindView {
  readonly operator: Operator;
  readonly csrfToken: string;
  readonly query: string;
  readonly result?: { readonly members: readonly FoundMember[]; readonly problems: readonly string[] };
}

/** The console's home: one box that finds a member by name, email, phone or any of their ids. */
export function findPage(view: FindView): Html {
  const { result } = view;
  return page(
    { title: "Find a member", operator: view.operator, csrfToken: view.csrfToken, section: "find" },
    html`<h1>Find a member</h1>
      <form method="get" action="/console" role="search">
        <label for="q">Name, email, phone (whole or the last four digits), user id, payment confirmation id, subscription id, store purchase id</label>
        <fieldset role="group">
          <input id="q" name="q" type="search" value="${view.query}" autocomplete="off" required maxlength="500" autofocus />
          <button type="submit">Find</button>
        </fieldset>
      </form>
      ${result ? results(view.query, result) : ""}`,
  );
}

function results(query: string, result: NonNullable<FindView["result"]>): Html {
  const count = result.members.length;
  return html`<section aria-labelledby="results-title">
    <h2 id="results-title">${count === 0 ? "No member matches" : `${count} ${count === 1 ? "member matches" : "members match"}`} “${query}”</h2>
    ${result.problems.map((problem) => html`<p class="problem" role="alert">${problem}</p>`)}
    ${
      count === 0
        ? ""
        : html`<div class="scroll" tabindex="0" role="region" aria-label="Members found"><table>
      <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Phone</th><th scope="col">Status</th><th scope="col">Found by</th></tr></thead>
      <tbody>
        ${result.members.map(
          (member) => html`<tr>
          <td><a href="/console/members/${encodeURIComponent(member.userId)}">${displayName(member)}</a></td>
          <td>${member.email ?? ""}</td>
          <td>${member.phone ?? ""}</td>
          <td>${member.status ? html`<span class="badge ${member.status}">${member.status}</span>` : ""}</td>
          <td>${member.matchedBy}</td>
        </tr>`,
        )}
      </tbody>
    </table></div>`
    }
  </section>`;
}

export function displayName(member: Pick<FoundMember, "firstName" | "lastName" | "userId">): string {
  const name = [member.firstName, member.lastName].filter(Boolean).join(" ");
  return name.length > 0 ? name : member.userId;
}
