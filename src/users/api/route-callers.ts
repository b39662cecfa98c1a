import { access } from "../../platform/http/route-access.ts";
import { LIFECYCLE, type MembershipOperation } from "../domain/membership-lifecycle.table.ts";
import { describeOperation } from "../domain/membership-lifecycle.ts";

/** The user themself (on their own `user_id` only), services and operators. */
export const selfOrStaff = access(["user", "service", "operator"], { self: "user_id" });
/** The user themself (on their own `user_id` only) and services; not operators. */
export const selfOrServices = access(["user", "service"], { self: "user_id" });
/** Services and operators. */
export const staff = access(["service", "operator"]);
/** Operators (MX) only. */
export const operators = access(["operator"]);
/** A signed-up user acting for themself (the route has no `user_id`: it is the token's subject). */
export const users = access(["user"]);

/** The callers the lifecycle table admits for a membership operation (users on their own records only). */
export const lifecycleCallers = (operation: MembershipOperation) =>
  access(LIFECYCLE[operation].callers, { self: "user_id", action: describeOperation(operation) });
