import { html } from "hono/html";
import type { AuditEntry } from "../domain/audit-entry.ts";
import { MEMBER_ACTIONS } from "../domain/member-action.ts";
import type { Operator } from "../domain/operator.ts";
import type { MemberOverview } from "../ports/member-directory.port.ts";
import type { StreamEntry } from "../ports/stream-reader.port.ts";
import { actionForm, memberActions } from "./actions.view.ts";
import { answerOr, fieldList, itemsOf, recordTable } from "./fields.view.ts";
import { displayName } from "./find.view.ts";
import { label, money, shown, when } from "./format.ts";
import { type Html, page } from "./layout.view.ts";
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
          ${memberActions(operator, csrfToken, memberId)}
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

const HISTORY_SKIP = new Set(["user_date_updated", "event_type", "tags"]);

/** Each version of the profile with what changed from the one before. */
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
        ${before === undefined ? "" : changed.length === 0 ? html` <small>no field changed</small>` : html`<ul>${changed.map((name) => html`<li>${label(name)}: ${shown(before[name]) || "(none)"} → ${shown(version[name]) || "(none)"}</li>`)}</ul>`}
      </li>`;
    })}
  </ol>`;
}

function tags(body: unknown, operator: Operator, csrfToken: string, memberId: string): Html {
  const rows = itemsOf(body);
  if (rows.length === 0) return html`<p>No tags.</p>`;
  return html`<div class="scroll" tabindex="0" role="region" aria-label="Tags"><table>
    <caption class="visually-hidden">Tags</caption>
    <thead><tr><th scope="col">Tag</th><th scope="col">Value</th><th scope="col">State</th><th scope="col">Added</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
    <tbody>${rows.map(
      (tag) => html`<tr>
        <td>${String(tag.tag_name ?? "")}</td>
        <td>${shown(tag.tag_value)}</td>
        <td>${tag.tag_archived ? "archived" : "active"}</td>
        <td>${when(tag.added_on)}</td>
        <td>${
          tag.tag_archived
            ? ""
            : actionForm(
                operator,
                csrfToken,
                memberId,
                "archive-tag",
                html`<input type="hidden" name="tag" value="${String(tag.tag_name ?? "")}" />`,
                { idSuffix: String(tag.tag_name ?? ""), label: `Archive ${String(tag.tag_name ?? "")}` },
              )
        }</td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}

function charges(body: unknown, operator: Operator, csrfToken: string, memberId: string): Html {
  const rows = itemsOf(body);
  if (rows.length === 0) return html`<p>No charges.</p>`;
  return html`<div class="scroll" tabindex="0" role="region" aria-label="Charges"><table>
    <caption class="visually-hidden">Charges</caption>
    <thead><tr><th scope="col">Charged</th><th scope="col">Confirmation</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Refunded</th><th scope="col">Purpose</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
    <tbody>${rows.map((charge) => {
      const id = String(charge.confirmation_id ?? "");
      return html`<tr>
        <td>${when(charge.created_at)}</td>
        <td><code>${id}</code></td>
        <td>${money(charge.amount_cents, charge.currency)}</td>
        <td><span class="badge ${String(charge.status ?? "")}">${String(charge.status ?? "")}</span></td>
        <td>${money(charge.refunded_cents ?? 0, charge.currency)}</td>
        <td>${String(charge.description ?? charge.purpose ?? "")}</td>
        <td>${actionForm(
          operator,
          csrfToken,
          memberId,
          "refund",
          html`<input type="hidden" name="confirmation_id" value="${id}" />
            <label for="refund-${id}-amount">Amount in cents (empty: all that is left)</label>
            <input id="refund-${id}-amount" name="amount_cents" type="number" min="1" step="1" />`,
          { idSuffix: id, label: `Refund ${id}` },
        )}</td>
      </tr>`;
    })}</tbody>
  </table></div>`;
}

function purchases(body: unknown, operator: Operator, csrfToken: string, memberId: string): Html {
  const rows = ((body as { subscriptions?: Row[] } | undefined)?.subscriptions ?? []) as Row[];
  if (rows.length === 0) return html`<p>No store purchase.</p>`;
  return html`<div class="scroll" tabindex="0" role="region" aria-label="In-app purchases"><table>
    <caption class="visually-hidden">In-app purchases</caption>
    <thead><tr><th scope="col">Store</th><th scope="col">Product</th><th scope="col">From</th><th scope="col">To</th><th scope="col">State</th><th scope="col">Access</th><th scope="col">Renews</th><th scope="col">Store id</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
    <tbody>${rows.map((row) => {
      const id = String(row.subscriptionId ?? "");
      return html`<tr>
        <td>${row.platform === "apple" ? "App Store" : "Google Play"}</td>
        <td>${String(row.productId ?? "")}</td>
        <td>${when(row.from)}</td>
        <td>${when(row.to)}</td>
        <td><span class="badge ${String(row.state ?? "")}">${String(row.state ?? "")}</span></td>
        <td>${row.access ? "yes" : "no"}</td>
        <td>${row.autoRenewing ? "yes" : "no"}</td>
        <td><code>${id.length > 24 ? `${id.slice(0, 12)}…${id.slice(-8)}` : id}</code></td>
        <td>${actionForm(
          operator,
          csrfToken,
          memberId,
          "revalidate",
          html`<input type="hidden" name="subscription_id" value="${id}" />`,
          { idSuffix: id.slice(-12).replace(/[^\w-]/g, "_"), label: "Revalidate" },
        )}</td>
      </tr>`;
    })}</tbody>
  </table></div>`;
}

const CYCLE_WORDS: Readonly<Record<string, string>> = {
  SCHEDULED: "due",
  PROCESSING: "being charged",
  PAID: "paid",
  RETRYING: "failed, retrying",
  GRACE: "failed, in grace",
  SKIPPED_PAUSED: "skipped for a pause",
  FAILED: "failed, recovery over",
  VOID: "void",
  CHARGED_BACK: "charged back",
};

/** Every subscription the member had, newest first, each with its cycles and its change history. */
function billing(body: unknown): Html {
  const subscriptions = ((body as { subscriptions?: Row[] } | undefined)?.subscriptions ?? []) as Row[];
  if (subscriptions.length === 0) return html`<p>No subscription.</p>`;
  return html`${subscriptions.map((subscription) => {
    const period = (subscription.period ?? {}) as Row;
    const cycles = (subscription.cycles ?? []) as Row[];
    const changes = (subscription.changes ?? []) as Row[];
    const id = String(subscription.subscription_id ?? "");
    return html`<article aria-label="Subscription ${id}">
      <header>
        <strong>${String(subscription.tier ?? "")} ${String(subscription.term ?? "").toLowerCase()}</strong>
        <span class="badge ${String(subscription.status ?? "")}">${String(subscription.status ?? "")}</span>
        ${money(subscription.price_cents, subscription.currency)} · <code>${id}</code> · period ${when(period.start)} to ${when(period.end)}
        ${subscription.past_due_since ? html`<br /><strong>Past due since ${when(subscription.past_due_since)}</strong>` : ""}
        ${subscription.cancel_at ? html`<br />Cancels at ${when(subscription.cancel_at)}` : ""}
        ${subscription.cancelled_at ? html`<br />Ended ${when(subscription.cancelled_at)}${subscription.cancellation_reason ? html` (${String(subscription.cancellation_reason)})` : ""}` : ""}
      </header>
      <div class="scroll" tabindex="0" role="region" aria-label="Billing cycles of ${id}"><table>
        <caption>Billing cycles of ${id}</caption>
        <thead><tr><th scope="col">Period</th><th scope="col">Status</th><th scope="col">Amount</th><th scope="col">Attempts</th><th scope="col">Next attempt</th><th scope="col">Recovery ends</th></tr></thead>
        <tbody>${
          cycles.length === 0
            ? html`<tr><td colspan="6">No cycle yet.</td></tr>`
            : cycles.map(
                (cycle) => html`<tr>
          <td>${when(cycle.period_start)} to ${when(cycle.period_end)}</td>
          <td><span class="badge ${String(cycle.status ?? "")}">${CYCLE_WORDS[String(cycle.status)] ?? String(cycle.status ?? "")}</span></td>
          <td>${money(cycle.amount_cents, cycle.currency ?? subscription.currency)}</td>
          <td>${((cycle.attempts ?? []) as Row[]).map((attempt) => html`<div>${when(attempt.at)} ${String(attempt.outcome ?? "")}${attempt.decline_reason ? html` (${String(attempt.decline_reason)})` : ""}</div>`)}</td>
          <td>${when(cycle.next_attempt_at)}</td>
          <td>${when(cycle.recovery_ends_at)}</td>
        </tr>`,
              )
        }</tbody>
      </table></div>
      <details>
        <summary>Changes (${changes.length})</summary>
        <ol class="timeline">${changes.map((change) => html`<li><time datetime="${String(change.at ?? "")}">${when(change.at)}</time> <strong>${String(change.change ?? "")}</strong> by ${String(change.actor ?? "")}${change.reason ? html` · ${String(change.reason)}` : ""}</li>`)}</ol>
      </details>
    </article>`;
  })}`;
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
