import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { getBalanceSettings } from "../use-cases/balance-settings/get-balance-settings.use-case.ts";
import {
  type SetBalanceSettingsDeps,
  setBalanceSettings,
} from "../use-cases/balance-settings/set-balance-settings.use-case.ts";
import { BalanceSettingsInputSchema, BalanceSettingsSchema } from "./balance-settings.schemas.ts";
import { selfOrStaff } from "./route-callers.ts";
import { UserIdParams } from "./user.schemas.ts";

export type BalanceSettingsRoutesDeps = SetBalanceSettingsDeps;

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const getBalanceSettingsRoute = createRoute({
  operationId: "getBalanceSettings",
  description:
    "The user's low balance alert: threshold in whole cents and whether it is on. 404 until it has been set (there is no default). Callers: the user themself, services and operators.",
  method: "get",
  path: "/{user_id}/balance-settings",
  tags: ["Balance settings"],
  summary: "The user's low balance alert (404 until it has been set: there is no default)",
  ...selfOrStaff,
  request: { params: UserIdParams },
  responses: { 200: json(BalanceSettingsSchema, "The balance settings"), ...problems(400, 401, 403, 404) },
});

const putBalanceSettingsRoute = createRoute({
  operationId: "putBalanceSettings",
  description:
    "Sets the low balance alert. Repeating the same settings changes nothing; `created_at` stays that of the first write. Callers: the user themself, services and operators.",
  method: "put",
  path: "/{user_id}/balance-settings",
  tags: ["Balance settings"],
  summary: "Set the low balance alert in whole cents; created_at stays that of the first write",
  ...selfOrStaff,
  request: {
    params: UserIdParams,
    body: { required: true, content: { "application/json": { schema: BalanceSettingsInputSchema } } },
  },
  responses: { 200: json(BalanceSettingsSchema, "The settings as stored"), ...problems(400, 401, 403, 404) },
});

export function registerBalanceSettingsRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: BalanceSettingsRoutesDeps,
): void {
  app.openapi(getBalanceSettingsRoute, async (c) => {
    const settings = await getBalanceSettings(deps, c.get("principal"), c.req.valid("param").user_id);
    return c.json(settings, 200);
  });

  app.openapi(putBalanceSettingsRoute, async (c) => {
    const userId = c.req.valid("param").user_id;
    const settings = await setBalanceSettings(deps, c.get("principal"), userId, c.req.valid("json"));
    return c.json(settings, 200);
  });
}
