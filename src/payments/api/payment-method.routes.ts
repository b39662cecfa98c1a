import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { access } from "../../platform/http/route-access.ts";
import { activeDebitCard } from "../use-cases/methods/active-debit-card.query.ts";
import { attachMethod } from "../use-cases/methods/attach-method.use-case.ts";
import { detachMethod } from "../use-cases/methods/detach-method.use-case.ts";
import { listMethods } from "../use-cases/methods/list-methods.query.ts";
import type { MethodDeps } from "../use-cases/methods/method.deps.ts";
import { setDefaultMethod } from "../use-cases/methods/set-default-method.use-case.ts";
import {
  AttachPaymentMethodSchema,
  PaymentMethodListSchema,
  PaymentMethodParams,
  PaymentMethodSchema,
} from "./payment-method.schemas.ts";
import { methodView } from "./payments.views.ts";

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const UserParams = PaymentMethodParams.pick({ user_id: true });
const selfOrServices = access(["user", "service"], { self: "user_id" });
const selfOrStaff = access(["user", "service", "operator"], { self: "user_id" });
const DebitCardSchema = z
  .object({ last4: z.string(), brand: z.string() })
  .openapi("DebitCard", { example: { last4: "5556", brand: "visa" } });

const attachRoute = createRoute({
  method: "post",
  path: "/payments/users/{user_id}/payment-methods",
  tags: ["Payment methods"],
  operationId: "attachPaymentMethod",
  summary: "Attach a card from a gateway token (Stripe pm_...)",
  description:
    "Attaches the method the app tokenised with the gateway's client library to the user's gateway customer; Roster keeps its brand, last four digits, expiry and funding, never the card number. Callers: the user themself and services.",
  ...selfOrServices,
  request: {
    params: UserParams,
    body: { required: true, content: { "application/json": { schema: AttachPaymentMethodSchema } } },
  },
  responses: { 201: json(PaymentMethodSchema, "The attached method"), ...problems(400, 401, 403, 422, 503) },
});

const listRoute = createRoute({
  method: "get",
  path: "/payments/users/{user_id}/payment-methods",
  tags: ["Payment methods"],
  operationId: "listPaymentMethods",
  summary: "The user's payment methods, active ones first",
  description:
    "Active methods first, each group newest first. Callers: the user themself, services and operators.",
  ...selfOrStaff,
  request: { params: UserParams },
  responses: { 200: json(PaymentMethodListSchema, "The methods"), ...problems(400, 401, 403) },
});

const defaultRoute = createRoute({
  method: "post",
  path: "/payments/users/{user_id}/payment-methods/{method_id}/default",
  tags: ["Payment methods"],
  operationId: "setDefaultPaymentMethod",
  summary: "Make a method the one charges go to",
  description: "The user has one default active method at a time. Callers: the user themself and services.",
  ...selfOrServices,
  request: { params: PaymentMethodParams },
  responses: { 200: json(PaymentMethodSchema, "The default method"), ...problems(400, 401, 403, 404, 422) },
});

const detachRoute = createRoute({
  method: "delete",
  path: "/payments/users/{user_id}/payment-methods/{method_id}",
  tags: ["Payment methods"],
  operationId: "detachPaymentMethod",
  summary: "Detach a method: it is never charged again",
  description:
    "Detached at the gateway, then here; detaching twice answers the detached method. Callers: the user themself and services.",
  ...selfOrServices,
  request: { params: PaymentMethodParams },
  responses: { 200: json(PaymentMethodSchema, "The detached method"), ...problems(400, 401, 403, 404, 503) },
});

const debitCardRoute = createRoute({
  method: "get",
  path: "/payments/users/{user_id}/debit-card",
  tags: ["Payment methods"],
  operationId: "getActiveDebitCard",
  summary: "The user's active debit card (the User Service's activation asks)",
  description:
    "The default method if it is an active debit card, else the newest active debit card; 404 with `code` NO_ACTIVE_CARD when there is none. Callers: the user themself, services and operators.",
  ...selfOrStaff,
  request: { params: UserParams },
  responses: { 200: json(DebitCardSchema, "The card"), ...problems(400, 401, 403, 404) },
});

export function registerPaymentMethodRoutes(app: OpenAPIHono<AppEnv>, deps: MethodDeps): void {
  app.openapi(attachRoute, async (c) => {
    const method = await attachMethod(
      deps,
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("json"),
    );
    return c.json(methodView(method), 201);
  });
  app.openapi(listRoute, async (c) => {
    const methods = await listMethods(deps, c.get("principal"), c.req.valid("param").user_id);
    return c.json({ items: methods.map(methodView) }, 200);
  });
  app.openapi(defaultRoute, async (c) => {
    const { user_id, method_id } = c.req.valid("param");
    return c.json(methodView(await setDefaultMethod(deps, c.get("principal"), user_id, method_id)), 200);
  });
  app.openapi(detachRoute, async (c) => {
    const { user_id, method_id } = c.req.valid("param");
    return c.json(methodView(await detachMethod(deps, c.get("principal"), user_id, method_id)), 200);
  });
  app.openapi(debitCardRoute, async (c) =>
    c.json(await activeDebitCard(deps, c.get("principal"), c.req.valid("param").user_id), 200),
  );
}
