import { html } from "hono/html";
import type { AuditEntry } from "../domain/audit-entry.ts";
import { MEMBER_ACTIONS } from "../domain/member-action.ts";
import type { Operator } from "../domain/operator.ts";
import type { MemberOverview } from "../ports/member-directory.port.ts";
import type { StreamEntry } from "../ports/stream-reader.port.ts";
import { memberActions } from "./actions.view.ts";
import { answerOr, fieldList, itemsOf, recordTable } from "./fields.view.ts";
import { displayName } from "./find.view.ts";
import { label, shown, when } from "./format.ts";
import { type Html, page } from "./layout.view.ts";
import { billing, charges, purchases, tags } from "./member-tables.view.ts";
import { streamRows } from "./streams.view.ts";

export interface MemberView {
  readonly operator: Operator;
  readonly csrfToken: string;
  readonly memberId: string;
  readonly overview: MemberOverview;
  readonly audit: readonly AuditEntry[];
  /** The newest stream records about the member, every stream. */
  readonly records: readonly StreamEntry[];
  /** The entry of the action just taken, shown at the top (done, or refused in plain words). */
  readonly outcome?: AuditEntry | undefined;
}

type Row = Record<string, unknown>;

/** One member on one page: who they are, where they stand, what happened to them, and what to do. */
export function memberPage(view: MemberView): Html {
  const { overview, operator, csrfToken, memberId } = view;
  const user = (overview.user.status === 200 ? overview.user.body : { user_id: memberId }) as Row;
  const membership = (overview.membership.status === 200 ? overview.membership.body : undefined) as
    | Row
    | undefined;
  const name = displayName({
    firstName: user.user_first_name as string | undefined,
    lastName: user.user_last_name as string | undefined,
    userId: memberId,
  });
  return page(
    { title: name, operator, csrfToken, section: "find" },
    html`<hgroup class="member-head">
        <h1>${name}</h1>
        ${user.user_status ? html`<span class="badge ${String(user.user_status)}">${String(user.user_status)}</span>` : ""}
        <p><code>${memberId}</code> ${user.user_email ? html`· ${String(user.user_email)}` : ""} ${user.user_phone ? html`· ${String(user.user_phone)}` : ""}</p>
      </hgroup>
      ${view.outcome ? outcomeNotice(view.outcome) : ""}
      ${overview.user.status === 200 ? "" : answerOr(overview.user, () => html``, "No such member.")}
      <div class="sections">
        <section aria-labelledby="membership-title">
          <h2 id="membership-title">Membership</h2>
          ${answerOr(overview.membership, () => fieldList(membership), "No membership yet.")}
        </section>
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">Act</h2>
          ${memberActions(operator, csrfToken, memberId, overview.cancelPreview)}
        </section>
      </div>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Membership timeline</h2>
        ${answerOr(overview.memberships, timeline, "No membership records.")}
      </section>
      <section aria-labelledby="audit-title">
        <h2 id="audit-title">Audit trail</h2>
        ${auditTable(view.audit)}
      </section>
      <div class="sections">
        <section aria-labelledby="profile-title">
          <h2 id="profile-title">Profile</h2>
          ${answerOr(overview.user, fieldList, "No such member.")}
        </section>
        <section aria-labelledby="history-title">
          <h2 id="history-title">Profile history</h2>
          ${answerOr(overview.history, history)}
        </section>
      </div>
      <section aria-labelledby="tags-title">
        <h2 id="tags-title">Tags</h2>
        ${answerOr(overview.tags, (body) => tags(body, operator, csrfToken, memberId))}
      </section>
      <div class="sections">
        <section aria-labelledby="phone-title">
          <h2 id="phone-title">Phone</h2>
          ${answerOr(overview.phone, fieldList, "No phone.")}
        </section>
        <section aria-labelledby="balance-title">
          <h2 id="balance-title">Balance settings</h2>
          ${answerOr(overview.balanceSettings, fieldList, "No balance settings.")}
        </section>
        <section aria-labelledby="consents-title">
          <h2 id="consents-title">Consents</h2>
          ${answerOr(overview.consents, (body) => recordTable(body, "Consents"))}
        </section>
        <section aria-labelledby="mla-title">
          <h2 id="mla-title">MLA look-ups</h2>
          ${answerOr(overview.mla, (body) => (itemsOf(body).length > 0 ? recordTable(body, "MLA look-ups") : fieldList(body)), "No MLA look-up.")}
        </section>
        <section aria-labelledby="kyc-title">
          <h2 id="kyc-title">KYC sessions</h2>
          ${answerOr(overview.kyc, (body) => recordTable(body, "KYC sessions"))}
        </section>
      </div>
      <section aria-labelledby="subscription-title">
        <h2 id="subscription-title">Subscription and billing cycles</h2>
        ${answerOr(overview.subscription, billing, "No subscription.")}
      </section>
      <section aria-labelledby="charges-title">
        <h2 id="charges-title">Charges and refunds</h2>
        ${answerOr(overview.charges, (body) => charges(body, operator, csrfToken, memberId))}
      </section>
      <section aria-labelledby="purchases-title">
        <h2 id="purchases-title">In-app purchases</h2>
        ${answerOr(overview.purchases, (body) => purchases(body, operator, csrfToken, memberId), "No store purchase.")}
      </section>
      <section aria-labelledby="records-title">
        <h2 id="records-title">Stream records</h2>
        <p><a href="/console/streams?member=${encodeURIComponent(memberId)}">Follow this member's records live</a></p>
        <div class="scroll" tabindex="0" role="region" aria-label="Stream records about the member"><table>
          <caption class="visually-hidden">Stream records about the member</caption>
          <thead><tr><th scope="col">Arrived</th><th scope="col">Stream</th><th scope="col">Event type</th><th scope="col">Member</th><th scope="col">Record</th></tr></thead>
          <tbody>${streamRows(view.records)}</tbody>
        </table></div>
      </section>`,
  );
}

function outcomeNotice(entry: AuditEntry): Html {
  const spec = MEMBER_ACTIONS[entry.action];
  return entry.outcome === "done"
    ? html`<p class="notice" role="status">${spec.label}: done. The audit trail has it.</p>`
    : html`<p class="problem" role="alert">${spec.label} was refused (${entry.status}): ${entry.problem ?? ""}. Nothing changed.</p>`;
}

/** Every membership record, oldest at the bottom: status, event type, tier, pauses and pending changes. */
function timeline(body: unknown): Html {
  const records = itemsOf(body);
  if (records.length === 0) return html`<p>No membership records.</p>`;
  const newestFirst = [...records].sort((a, b) =>
    String(b.membership_start_date ?? "").localeCompare(String(a.membership_start_date ?? "")),
  );
  return html`<ol class="timeline">
    ${newestFirst.map(
      (record) => html`<li>
        <time datetime="${String(record.membership_start_date ?? "")}">${when(record.membership_start_date)}</time>
        <strong>${String(record.membership_event_type ?? "")}</strong>
        ${record.membership_status ? html`<span class="badge ${String(record.membership_status)}">${String(record.membership_status)}</span>` : html`<span class="badge">good standing</span>`}
        ${String(record.membership_tier ?? "")} ${String(record.membership_term ?? "").toLowerCase()}
        ${record.membership_event_source ? html`<small>by ${String(record.membership_event_source)}</small>` : ""}
        ${record.membership_is_pending_downgrade ? html`<br />downgrade pending to ${String(record.membership_pending_tier ?? "")} on ${when(record.membership_downgrade_date)}` : ""}
        ${record.membership_pause_date ? html`<br />paused from ${when(record.membership_pause_date)} for ${String(record.membership_pause_duration_months ?? "")} months, until ${when(record.membership_unpause_date)}` : ""}
      </li>`,
    )}
  </ol>`;
}

const HISTORY_SKIP = new Set(["user_date_updated", "user_updated_by", "event_type", "tags"]);

/** Each version of the profile with what changed from the one before, and who wrote it. */
function history(body: unknown): Html {
  const versions = itemsOf(body);
  if (versions.length === 0) return html`<p>None.</p>`;
  return html`<ol class="timeline">
    ${versions.map((version, index) => {
      const before = versions[index + 1];
      const changed = Object.keys(version).filter(
        (name) =>
          !HISTORY_SKIP.has(name) && (before === undefined || shown(before[name]) !== shown(version[name])),
      );
      return html`<li>
        <time datetime="${String(version.user_date_updated ?? "")}">${when(version.user_date_updated)}</time>
        <strong>${String(version.event_type ?? "")}</strong>
        ${version.user_updated_by ? html`<small>by ${String(version.user_updated_by)}</small>` : html`<small>by (not recorded)</small>`}
        ${before === undefined ? "" : changed.length === 0 ? html` <small>no field changed</small>` : html`<ul>${changed.map((name) => html`<li>${label(name)}: ${shown(before[name]) || "(none)"} → ${shown(version[name]) || "(none)"}</li>`)}</ul>`}
      </li>`;
    })}
  </ol>`;
}

function auditTable(entries: readonly AuditEntry[]): Html {
  if (entries.length === 0) return html`<p>No operator has acted on this member from the console.</p>`;
  return html`<div class="scroll" tabindex="0" role="region" aria-label="Audit trail"><table>
    <caption class="visually-hidden">Audit trail</caption>
    <thead><tr><th scope="col">When</th><th scope="col">Operator</th><th scope="col">Action</th><th scope="col">Reason</th><th scope="col">Outcome</th></tr></thead>
    <tbody>${entries.map(
      (entry) => html`<tr>
        <td><time datetime="${entry.at}">${when(entry.at)}</time></td>
        <td>${entry.operatorName}</td>
        <td>${MEMBER_ACTIONS[entry.action].label}${
          Object.keys(entry.details).length > 0
            ? html` <small>(${Object.entries(entry.details)
                .map(([k, v]) => `${label(k)} ${v}`)
                .join(", ")})</small>`
            : ""
        }</td>
        <td>${entry.reason}</td>
        <td><span class="badge ${entry.outcome}">${entry.outcome}</span>${entry.problem ? html` ${entry.status}: ${entry.problem}` : ""}</td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}
