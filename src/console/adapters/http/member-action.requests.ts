import type { ActionInput } from "../../domain/member-action.ts";
import type { ApiCall } from "../../ports/roster-api.port.ts";

const user = (memberId: string, ...rest: string[]) =>
  `/${[encodeURIComponent(memberId), ...rest.map(encodeURIComponent)].join("/")}`;

/**
 * The API call behind each console action: the User Service's own routes (as a service or an operator
 * with curl would call them), the Payment Service's refund and the Purchases Service's revalidation. Where the route takes a reason, the
 * operator's goes with it, so the service's own history holds it too; `idempotencyKey` makes a double
 * submit of one form one refund.
 */
export function memberActionRequest(
  memberId: string,
  input: ActionInput,
  reason: string,
  idempotencyKey: string,
): ApiCall {
  switch (input.action) {
    case "ban":
      return { method: "POST", path: user(memberId, "user", "ban"), body: { reason } };
    case "unban":
      return { method: "POST", path: user(memberId, "user", "unban") };
    case "investigate":
      return { method: "POST", path: user(memberId, "user", "investigate"), body: { reason } };
    case "clear-investigation":
      return { method: "POST", path: user(memberId, "user", "clear-investigation") };
    case "reactivate":
      return { method: "POST", path: user(memberId, "membership", "reactivate") };
    case "cancel":
      return { method: "POST", path: user(memberId, "membership", "cancel"), body: { reason } };
    case "retract":
      return { method: "POST", path: user(memberId, "membership", "retract") };
    case "pause":
      return {
        method: "POST",
        path: user(memberId, "membership", "pause"),
        body: { membership_pause_duration_months: input.months },
      };
    case "unpause":
      return {
        method: "POST",
        path: user(memberId, "membership", "unpause"),
        body: { charge: input.charge },
      };
    case "upgrade":
    case "downgrade":
      return {
        method: "POST",
        path: user(memberId, "membership", input.action),
        body: { membership_tier: input.tier },
      };
    case "finalize-downgrade":
      return { method: "POST", path: user(memberId, "membership", "downgrade", "finalize") };
    case "add-tag":
      return { method: "PUT", path: user(memberId, "tags", input.tag), body: { tag_value: input.value } };
    case "archive-tag":
      return { method: "DELETE", path: user(memberId, "tags", input.tag) };
    case "revalidate":
      return {
        method: "POST",
        path: `/user/subscriptions/${encodeURIComponent(memberId)}/${encodeURIComponent(input.subscriptionId)}/revalidate`,
      };
    case "refund":
      return {
        method: "POST",
        path: `/payments/charges/${encodeURIComponent(input.confirmationId)}/refunds`,
        body: input.amountCents === undefined ? {} : { amount_cents: input.amountCents },
        idempotencyKey,
      };
  }
}
