import { html } from "hono/html";
import { MEMBER_ACTIONS, type MemberActionName } from "../domain/member-action.ts";
import { holds, type Operator } from "../domain/operator.ts";
import type { ApiAnswer } from "../ports/roster-api.port.ts";
import { money, when } from "./format.ts";
import type { Html } from "./layout.view.ts";

const REASON_MAX = 500;

/** The path an action's form posts to. */
export const actionPath = (memberId: string, action: MemberActionName) =>
  `/console/members/${encodeURIComponent(memberId)}/actions/${action}`;

/**
 * One action as a form that says what it will do and asks why: the reason is required, the CSRF token
 * goes with it, and `extra` holds the action's own fields. Nothing shows for a role that may not act.
 */
export function actionForm(
  operator: Operator,
  csrfToken: string,
  memberId: string,
  action: MemberActionName,
  extra: Html | string = "",
  options: { readonly idSuffix?: string; readonly label?: string } = {},
): Html | string {
  const spec = MEMBER_ACTIONS[action];
  if (!holds(operator, spec.role)) return "";
  const id = `${action}${options.idSuffix ? `-${options.idSuffix}` : ""}`;
  return html`<details>
    <summary role="button" class="secondary outline">${options.label ?? spec.label}</summary>
    <form method="post" action="${actionPath(memberId, action)}" aria-describedby="${id}-effect">
      <p id="${id}-effect">${spec.effect}</p>
      <input type="hidden" name="_csrf" value="${csrfToken}" />
      ${extra}
      <label for="${id}-reason">Reason (kept in the audit trail)</label>
      <textarea id="${id}-reason" name="reason" required maxlength="${REASON_MAX}" rows="2"></textarea>
      <button type="submit">${options.label ?? spec.label}</button>
    </form>
  </details>`;
}

/**
 * What the cancel form says before it is sent, from the User Service's preview: the float balance that
 * would refuse it, or the day it takes effect.
 */
function cancelOutlook(preview: ApiAnswer): Html {
  if (preview.status !== 200) {
    const problem = (preview.body ?? {}) as { detail?: string; title?: string };
    return html`<p class="problem">What a cancellation would do could not be read (${preview.status}): ${problem.detail ?? problem.title ?? "no reason given"}</p>`;
  }
  const p = preview.body as {
    allowed?: boolean;
    refusal?: string;
    float_balance_cents?: number;
    currency?: string;
    effective?: string;
  };
  if (p.float_balance_cents && p.float_balance_cents > 0) {
    return html`<p class="problem" role="note">Outstanding float balance: <strong>${money(p.float_balance_cents, p.currency)}</strong>. The cancellation will be refused until it is repaid.</p>`;
  }
  if (!p.allowed)
    return html`<p class="problem" role="note">The User Service would refuse it now: ${p.refusal ?? "no reason given"}.</p>`;
  return html`<p role="note">No float balance outstanding. The membership would end on ${when(p.effective)}, the end of the period already paid.</p>`;
}

/** A tier change starts with its preview: a GET of what it would charge and when, then the form itself. */
function tierChange(operator: Operator, memberId: string, change: "upgrade" | "downgrade"): Html | string {
  const spec = MEMBER_ACTIONS[change];
  if (!holds(operator, spec.role)) return "";
  return html`<details>
    <summary role="button" class="secondary outline">${spec.label}</summary>
    <form method="get" action="/console/members/${encodeURIComponent(memberId)}/preview/${change}" aria-describedby="${change}-effect">
      <p id="${change}-effect">${spec.effect}</p>
      <label for="${change}-tier">To the tier</label>
      <input id="${change}-tier" name="tier" required pattern="[a-z][a-z0-9_]{0,31}" maxlength="32" placeholder="${change === "upgrade" ? "premium" : "plus"}" autocomplete="off" />
      <button type="submit">Preview the ${change}</button>
    </form>
  </details>`;
}

/** The actions on the member as a whole, those the operator's role allows. */
export function memberActions(
  operator: Operator,
  csrfToken: string,
  memberId: string,
  cancelPreview: ApiAnswer,
): Html {
  const form = (action: MemberActionName, extra: Html | string = "") =>
    actionForm(operator, csrfToken, memberId, action, extra);
  const forms = [
    form("ban"),
    form("unban"),
    form("investigate"),
    form("clear-investigation"),
    form("reactivate"),
    form("cancel", cancelOutlook(cancelPreview)),
    form("retract"),
    form(
      "pause",
      html`<label for="pause-months">Months to skip</label>
        <input id="pause-months" name="months" type="number" min="1" max="12" value="1" required />`,
    ),
    form(
      "unpause",
      html`<label><input type="checkbox" name="charge" value="true" /> Charge the period's price now and resume at once</label>`,
    ),
    tierChange(operator, memberId, "upgrade"),
    tierChange(operator, memberId, "downgrade"),
    form("finalize-downgrade"),
    form(
      "add-tag",
      html`<label for="add-tag-name">Tag name</label>
        <input id="add-tag-name" name="tag" required maxlength="64" />
        <label for="add-tag-value">Value</label>
        <input id="add-tag-value" name="value" required maxlength="256" />`,
    ),
  ].filter((item) => item !== "");
  if (forms.length === 0) return html`<p>Your role reads members; it does not change them.</p>`;
  return html`<div class="actions">${forms}</div>`;
}
