import { html } from "hono/html";
import { MEMBER_ACTIONS } from "../domain/member-action.ts";
import type { Operator } from "../domain/operator.ts";
import type { ApiAnswer } from "../ports/roster-api.port.ts";
import { actionForm } from "./actions.view.ts";
import { money, when } from "./format.ts";
import { type Html, page } from "./layout.view.ts";

interface Preview {
  readonly allowed: boolean;
  readonly refusal?: string;
  readonly from_tier?: string;
  readonly to_tier?: string;
  readonly effective?: string;
  readonly period?: {
    readonly start: string;
    readonly end: string;
    readonly price_cents: number;
    readonly currency: string;
  };
  readonly charge_now_cents: number;
  readonly renewal_price_cents?: number;
  readonly currency?: string;
}

/**
 * A tier change before it is made: what the User Service says it would do now (the prorated fee charged
 * at once, what each renewal bills, when it takes effect) and, when it would go through, the form that
 * makes it, asking why. A refusal is said in the service's words and offers no form.
 */
export function previewPage(view: {
  readonly operator: Operator;
  readonly csrfToken: string;
  readonly memberId: string;
  readonly change: "upgrade" | "downgrade";
  readonly tier: string;
  readonly answer: ApiAnswer;
}): Html {
  const { answer, change } = view;
  const back = `/console/members/${encodeURIComponent(view.memberId)}`;
  const title = `${MEMBER_ACTIONS[change].label} to ${view.tier}`;
  const body = (): Html => {
    if (answer.status !== 200) {
      const problem = (answer.body ?? {}) as { detail?: string; title?: string };
      return html`<p class="problem" role="alert">The User Service could not preview it (${answer.status}): ${problem.detail ?? problem.title ?? "no reason given"}</p>`;
    }
    const p = answer.body as Preview;
    const currency = p.currency ?? p.period?.currency;
    return html`<dl class="preview">
        <dt>From</dt><dd>${p.from_tier ?? ""}${p.period ? html` at ${money(p.period.price_cents, p.period.currency)} a period, paid until ${when(p.period.end)}` : ""}</dd>
        <dt>To</dt><dd>${p.to_tier ?? view.tier}${p.renewal_price_cents !== undefined ? html` at ${money(p.renewal_price_cents, currency)} a period` : ""}</dd>
        <dt>Charged now</dt><dd>${money(p.charge_now_cents, currency)}${change === "upgrade" && p.charge_now_cents === 0 && p.allowed ? " (nothing: an employee, or nothing left to prorate)" : ""}</dd>
        <dt>Takes effect</dt><dd>${p.effective === "now" ? "now" : when(p.effective)}</dd>
      </dl>
      ${
        p.allowed
          ? actionForm(
              view.operator,
              view.csrfToken,
              view.memberId,
              change,
              html`<input type="hidden" name="tier" value="${view.tier}" />`,
              { label: title },
            )
          : html`<p class="problem" role="alert">The User Service would refuse it: ${p.refusal ?? "no reason given"}.</p>`
      }`;
  };
  return page(
    { title, operator: view.operator, csrfToken: view.csrfToken, section: "find" },
    html`<p><a href="${back}">Back to the member</a></p>
      <h1>${title}</h1>
      <p>What it would do now, as the User Service decides it (nothing is changed until the form below is sent).</p>
      ${body()}`,
  );
}
