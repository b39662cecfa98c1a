import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { getPhone } from "../use-cases/phone/get-phone.use-case.ts";
import type { PhoneDeps } from "../use-cases/phone/phone-change.steps.ts";
import { setPhone } from "../use-cases/phone/set-phone.use-case.ts";
import { setPhoneOptOut } from "../use-cases/phone/set-phone-opt-out.use-case.ts";
import { verifyPhone } from "../use-cases/phone/verify-phone.use-case.ts";
import { OptOutSchema, PhoneRecordSchema, SetPhoneSchema } from "./phone.schemas.ts";
import { selfOrStaff, staff } from "./route-callers.ts";
import { UserIdParams } from "./user.schemas.ts";

const ok = {
  description: "The phone record",
  content: { "application/json": { schema: PhoneRecordSchema } },
};
const body = <T>(schema: T) => ({ required: true, content: { "application/json": { schema } } });
const base = { tags: ["Phone numbers"] };

const getRoute = createRoute({
  operationId: "getPhone",
  description:
    "The user's phone record: the number, whether it is verified and whether the user opted out of SMS. Callers: the user themself, services and operators.",
  ...selfOrStaff,
  ...base,
  method: "get",
  path: "/{user_id}/phone",
  summary: "The user's phone record",
  request: { params: UserIdParams },
  responses: { 200: ok, ...problems(400, 401, 403, 404) },
});

const setRoute = createRoute({
  operationId: "setPhone",
  description:
    "Sets the user's phone number. A number another user holds is refused with 409 (which does not name the holder); `user_phone` and the phone lookup follow in the same transaction. Callers: the user themself, services and operators.",
  ...selfOrStaff,
  ...base,
  method: "put",
  path: "/{user_id}/phone",
  summary:
    "Set the number: refused with 409 while another user holds it; user_phone and the phone lookup follow",
  request: { params: UserIdParams, body: body(SetPhoneSchema) },
  responses: { 200: ok, ...problems(400, 401, 403, 404, 409) },
});

const verifyRoute = createRoute({
  operationId: "verifyPhone",
  description:
    "Marks the user's number verified, once the verification code was checked. Callers: services and operators.",
  ...staff,
  ...base,
  method: "post",
  path: "/{user_id}/phone/verify",
  summary: "Mark the number verified (services and operators)",
  request: { params: UserIdParams },
  responses: { 200: ok, ...problems(400, 401, 403, 404, 409) },
});

const optOutRoute = createRoute({
  operationId: "setPhoneOptOut",
  description: "Opts the user out of SMS, or back in. Callers: the user themself, services and operators.",
  ...selfOrStaff,
  ...base,
  method: "post",
  path: "/{user_id}/phone/opt-out",
  summary: "Opt out of SMS, or back in",
  request: { params: UserIdParams, body: body(OptOutSchema) },
  responses: { 200: ok, ...problems(400, 401, 403, 404, 409) },
});

export function registerPhoneRoutes(app: OpenAPIHono<AppEnv>, deps: PhoneDeps): void {
  app.openapi(getRoute, async (c) =>
    c.json(await getPhone(deps, c.get("principal"), c.req.valid("param").user_id), 200),
  );

  app.openapi(setRoute, async (c) => {
    const record = await setPhone(
      deps,
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("json").phone_number,
    );
    return c.json(record, 200);
  });

  app.openapi(verifyRoute, async (c) =>
    c.json(await verifyPhone(deps, c.get("principal"), c.req.valid("param").user_id), 200),
  );

  app.openapi(optOutRoute, async (c) => {
    const { is_opted_out } = c.req.valid("json");
    return c.json(
      await setPhoneOptOut(deps, c.get("principal"), c.req.valid("param").user_id, is_opted_out),
      200,
    );
  });
}
