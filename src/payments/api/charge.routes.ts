import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { IdempotencyKeyHeaders } from "../../platform/http/idempotency-key.schemas.ts";
import { PageQuery, pageOf } from "../../platform/http/pagination.schemas.ts";
import { access } from "../../platform/http/route-access.ts";
import type { ChargeDeps } from "../use-cases/charges/charge.deps.ts";
import { createCharge } from "../use-cases/charges/create-charge.use-case.ts";
import { getCharge } from "../use-cases/charges/get-charge.query.ts";
import { listCharges } from "../use-cases/charges/list-charges.query.ts";
import { type RefundDeps, refundCharge } from "../use-cases/refunds/refund-charge.use-case.ts";
import {
  ChargeRequestSchema,
  ChargeSchema,
  ConfirmationParams,
  RefundRequestSchema,
  RefundSchema,
} from "./charge.schemas.ts";
import { PaymentMethodParams } from "./payment-method.schemas.ts";
import { chargeView, refundView } from "./payments.views.ts";

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T>(schema: T) => ({ required: true, content: { "application/json": { schema } } });
const UserParams = PaymentMethodParams.pick({ user_id: true });
const ChargePage = pageOf(ChargeSchema, "ChargePage");

const createChargeRoute = createRoute({
  method: "post",
  path: "/payments/users/{user_id}/charges",
  tags: ["Charges"],
  operationId: "createCharge",
  summary: "Charge a user's payment method now (services); one charge per Idempotency-Key",
  description:
    "Charges the method given, else the user's default, off session. The charge is written before the gateway is called and the gateway gets a key of it, so a retry with the same Idempotency-Key never moves money twice; a repeat answers the stored outcome, the same key with another body is 409. A decline is 402 naming `decline_code`. Callers: services.",
  ...access(["service"]),
  request: { params: UserParams, headers: IdempotencyKeyHeaders, body: body(ChargeRequestSchema) },
  responses: { 201: json(ChargeSchema, "The charge"), ...problems(400, 401, 402, 403, 404, 409, 422, 503) },
});

const getChargeRoute = createRoute({
  method: "get",
  path: "/payments/charges/{confirmation_id}",
  tags: ["Charges"],
  operationId: "getCharge",
  summary: "One charge, with what was refunded of it",
  description:
    "The charge by its confirmation id. Callers: the charge's user themself, services and operators.",
  ...access(["user", "service", "operator"]),
  request: { params: ConfirmationParams },
  responses: { 200: json(ChargeSchema, "The charge"), ...problems(400, 401, 403, 404) },
});

const listChargesRoute = createRoute({
  method: "get",
  path: "/payments/users/{user_id}/charges",
  tags: ["Charges"],
  operationId: "listCharges",
  summary: "A user's charges, newest first",
  description:
    "One page at a time; `next_cursor` continues. Callers: the user themself, services and operators.",
  ...access(["user", "service", "operator"], { self: "user_id" }),
  request: { params: UserParams, query: PageQuery },
  responses: { 200: json(ChargePage, "A page of charges"), ...problems(400, 401, 403) },
});

const refundRoute = createRoute({
  method: "post",
  path: "/payments/charges/{confirmation_id}/refunds",
  tags: ["Charges"],
  operationId: "refundCharge",
  summary: "Refund a charge, whole or in part; never more than what is left",
  description:
    "Refunds `amount_cents` of the charge, or all that is left. However many refunds arrive at once, together they never exceed the charge; a repeat of the Idempotency-Key answers the stored refund. Callers: services and operators.",
  ...access(["service", "operator"]),
  request: { params: ConfirmationParams, headers: IdempotencyKeyHeaders, body: body(RefundRequestSchema) },
  responses: { 201: json(RefundSchema, "The refund"), ...problems(400, 401, 403, 404, 409, 422, 503) },
});

export function registerChargeRoutes(app: OpenAPIHono<AppEnv>, deps: ChargeDeps & RefundDeps): void {
  app.openapi(createChargeRoute, async (c) => {
    const key = c.req.valid("header")["idempotency-key"];
    const charge = await createCharge(
      deps,
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("json"),
      key,
    );
    return c.json(chargeView(charge), 201);
  });
  app.openapi(getChargeRoute, async (c) =>
    c.json(chargeView(await getCharge(deps, c.get("principal"), c.req.valid("param").confirmation_id)), 200),
  );
  app.openapi(listChargesRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await listCharges(deps, c.get("principal"), c.req.valid("param").user_id, {
      limit,
      ...(cursor ? { cursor } : {}),
    });
    return c.json({ ...page, items: page.items.map(chargeView) } satisfies z.input<typeof ChargePage>, 200);
  });
  app.openapi(refundRoute, async (c) => {
    const key = c.req.valid("header")["idempotency-key"];
    const { confirmation_id } = c.req.valid("param");
    const { refund, charge } = await refundCharge(
      deps,
      c.get("principal"),
      confirmation_id,
      c.req.valid("json"),
      key,
    );
    return c.json(refundView(refund, charge), 201);
  });
}
