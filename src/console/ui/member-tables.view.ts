import { html } from "hono/html";
import type { Operator } from "../domain/operator.ts";
import { actionForm } from "./actions.view.ts";
import { itemsOf } from "./fields.view.ts";
import { money, shown, when } from "./format.ts";
import type { Html } from "./layout.view.ts";

type Row = Record<string, unknown>;

/*
 * The member page's tables that carry actions or money: tags (archive), charges (refund), store
 * purchases (revalidate), and the subscriptions with their billing cycles and changes.
 */

export function tags(body: unknown, operator: Operator, csrfToken: string, memberId: string): Html {
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

export function charges(body: unknown, operator: Operator, csrfToken: string, memberId: string): Html {
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

export function purchases(body: unknown, operator: Operator, csrfToken: string, memberId: string): Html {
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
export function billing(body: unknown): Html {
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
