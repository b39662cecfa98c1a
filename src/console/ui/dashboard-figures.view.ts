import { html } from "hono/html";
import type { ChargesReportWire } from "../../contracts/payments/reports.http.ts";
import type { PurchasesReportWire } from "../../contracts/purchases/reports.http.ts";
import type { BillingReportWire } from "../../contracts/subscriptions/reports.http.ts";
import type { MembersReportWire } from "../../contracts/users/reports.http.ts";
import { chartFigure } from "./chart.view.ts";
import { money } from "./format.ts";
import type { Html } from "./layout.view.ts";

/*
 * The dashboard's sections, one per service's report: its headline figures, then its charts (each
 * beside the table of its figures, chart.view.ts). Amounts arrive in cents and are drawn in units.
 */

const units = (cents: number) => cents / 100;
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

export function membersFigures(r: MembersReportWire): Html {
  const statuses = Object.keys(r.by_status);
  return html`<div class="stats">
      <p><strong>${r.total.toLocaleString("en-US")}</strong> users</p>
      <p><strong>${sum(r.daily.map((d) => d.joined))}</strong> signed up in ${r.days} days</p>
      <p><strong>${r.by_platform.ios}</strong> on iOS</p>
      <p><strong>${r.by_platform.android}</strong> on Android</p>
    </div>
    <div class="figures">
      ${chartFigure({
        id: "users-by-status",
        title: "Users by status, now",
        labelHeader: "Status",
        chart: {
          type: "bar",
          horizontal: true,
          labels: statuses,
          datasets: [
            { label: "Users", data: statuses.map((s) => r.by_status[s as keyof typeof r.by_status] ?? 0) },
          ],
        },
      })}
      ${chartFigure({
        id: "sign-ups",
        title: "Sign-ups per day",
        labelHeader: "Day",
        chart: {
          type: "bar",
          labels: r.daily.map((d) => d.day),
          datasets: [{ label: "Signed up", data: r.daily.map((d) => d.joined) }],
        },
      })}
    </div>`;
}

export function billingFigures(r: BillingReportWire): Html {
  const days = r.daily.map((d) => d.day);
  const today = r.daily.at(-1);
  const currency = r.currencies[0] ?? "USD";
  return html`<div class="stats">
      <p><strong>${sum(Object.values(today?.active_by_tier ?? {}))}</strong> live subscriptions</p>
      <p><strong>${today?.paused ?? 0}</strong> in a pause</p>
      ${r.currencies.map(
        (c) =>
          html`<p><strong>${money(today?.mrr_cents[c] ?? 0, c)}</strong> monthly recurring revenue (${c})</p>`,
      )}
    </div>
    <div class="figures">
      ${chartFigure({
        id: "subscriptions-by-tier",
        title: "Live subscriptions by tier, and in a pause",
        labelHeader: "Day",
        note: "At each day's end; each subscription under the tier it bills now.",
        chart: {
          type: "line",
          stacked: true,
          labels: days,
          datasets: [
            ...r.tiers.map((tier) => ({
              label: tier,
              data: r.daily.map((d) => d.active_by_tier[tier] ?? 0),
            })),
            { label: "In a pause", data: r.daily.map((d) => d.paused) },
          ],
        },
      })}
      ${chartFigure({
        id: "new-and-cancelled",
        title: "New and cancelled per day",
        labelHeader: "Day",
        chart: {
          type: "bar",
          labels: days,
          datasets: [
            { label: "New", data: r.daily.map((d) => d.new) },
            { label: "Cancelled", data: r.daily.map((d) => d.cancelled) },
          ],
        },
      })}
      ${chartFigure({
        id: "mrr",
        title: `Monthly recurring revenue (${currency})`,
        labelHeader: "Day",
        note:
          r.currencies.length > 1
            ? `Also billed in ${r.currencies.slice(1).join(", ")}: never added up with ${currency}.`
            : undefined,
        chart: {
          type: "line",
          money: currency,
          labels: days,
          datasets: [{ label: currency, data: r.daily.map((d) => units(d.mrr_cents[currency] ?? 0)) }],
        },
      })}
      ${chartFigure({
        id: "pauses",
        title: `Pauses and their outcomes (${r.days} days)`,
        labelHeader: "Outcome",
        chart: {
          type: "bar",
          horizontal: true,
          labels: [
            "Began",
            "Resumed",
            "Withdrawn before they began",
            "Cancelled while paused",
            "Paused now",
            "Scheduled",
            "Payments skipped",
          ],
          datasets: [
            {
              label: "Pauses",
              data: [
                r.pauses.started,
                r.pauses.resumed,
                r.pauses.withdrawn,
                r.pauses.cancelled_while_paused,
                r.pauses.still_paused,
                r.pauses.scheduled,
                r.pauses.skipped_payments,
              ],
            },
          ],
        },
      })}
      ${chartFigure({
        id: "recovery",
        title: `Recovery windows and their outcomes (${r.days} days)`,
        labelHeader: "Outcome",
        note: "Billing cycles whose first charge was declined in the window.",
        chart: {
          type: "doughnut",
          labels: ["Recovered (paid on a retry)", "Failed", "Still retrying"],
          datasets: [
            { label: "Cycles", data: [r.recovery.recovered, r.recovery.failed, r.recovery.in_progress] },
          ],
        },
      })}
    </div>`;
}

export function purchasesFigures(r: PurchasesReportWire): Html {
  const states = Object.keys(r.by_store.apple) as (keyof typeof r.by_store.apple)[];
  const days = r.daily.map((d) => d.day);
  return html`${
    r.truncated
      ? html`<p class="notice" role="status">Counted from the first ${r.read.toLocaleString("en-US")} purchases only: more are stored.</p>`
      : ""
  }
    <div class="figures">
      ${chartFigure({
        id: "purchases-by-store",
        title: "Store subscriptions by store and state, now",
        labelHeader: "State",
        chart: {
          type: "bar",
          stacked: true,
          labels: states,
          datasets: [
            { label: "App Store", data: states.map((s) => r.by_store.apple[s] ?? 0) },
            { label: "Google Play", data: states.map((s) => r.by_store.google[s] ?? 0) },
          ],
        },
      })}
      ${chartFigure({
        id: "purchases-per-day",
        title: "Store subscriptions begun and expired per day",
        labelHeader: "Day",
        chart: {
          type: "bar",
          labels: days,
          datasets: [
            { label: "Began (App Store)", data: r.daily.map((d) => d.started.apple) },
            { label: "Began (Google Play)", data: r.daily.map((d) => d.started.google) },
            { label: "Expired (App Store)", data: r.daily.map((d) => d.expired.apple) },
            { label: "Expired (Google Play)", data: r.daily.map((d) => d.expired.google) },
          ],
        },
      })}
    </div>`;
}

export function chargesFigures(r: ChargesReportWire): Html {
  const currency = r.currencies[0] ?? "USD";
  const days = r.daily.map((d) => d.day);
  return html`<div class="stats">
      ${r.currencies.map(
        (c) =>
          html`<p><strong>${money(sum(r.daily.map((d) => d.charged_cents[c] ?? 0)), c)}</strong> charged in ${r.days} days (${c})</p>`,
      )}
      <p><strong>${r.open_disputes}</strong> open disputes</p>
    </div>
    <div class="figures">
      ${chartFigure({
        id: "charged",
        title: `Charged and refunded per day (${currency})`,
        labelHeader: "Day",
        chart: {
          type: "bar",
          money: currency,
          labels: days,
          datasets: [
            { label: "Charged", data: r.daily.map((d) => units(d.charged_cents[currency] ?? 0)) },
            { label: "Refunded", data: r.daily.map((d) => units(d.refunded_cents[currency] ?? 0)) },
          ],
        },
      })}
      ${chartFigure({
        id: "charge-outcomes",
        title: "Charges, declines, refunds and disputes per day",
        labelHeader: "Day",
        chart: {
          type: "line",
          labels: days,
          datasets: [
            { label: "Charges", data: r.daily.map((d) => d.charged) },
            { label: "Declines", data: r.daily.map((d) => d.declined) },
            { label: "Refunds", data: r.daily.map((d) => d.refunds) },
            { label: "Disputes opened", data: r.daily.map((d) => d.disputes) },
          ],
        },
      })}
    </div>`;
}
