import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { PageQuery } from "../../platform/http/pagination.schemas.ts";
import { listKycSessions } from "../use-cases/kyc/list-kyc-sessions.use-case.ts";
import { type KycSessionsDeps, startKycSession } from "../use-cases/kyc/start-kyc-session.use-case.ts";
import { KycSessionPageSchema, KycSessionRequestSchema, KycSessionSchema } from "./kyc.schemas.ts";
import { selfOrStaff } from "./route-callers.ts";
import { UserIdParams } from "./user.schemas.ts";

export type KycRoutesDeps = KycSessionsDeps;

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const startKycSessionRoute = createRoute({
  operationId: "startKycSession",
  description:
    "Starts an identity verification (KYC) session at the Transactions Service for the user and answers its link. Callers: the user themself, services and operators.",
  method: "post",
  path: "/{user_id}/kyc/sessions",
  tags: ["KYC"],
  summary: "Start a KYC session at the Transactions Service (the user themself, services, operators)",
  ...selfOrStaff,
  request: {
    params: UserIdParams,
    body: { required: true, content: { "application/json": { schema: KycSessionRequestSchema } } },
  },
  responses: {
    201: json(KycSessionSchema, "The new session; open `session_url` for the user"),
    ...problems(400, 401, 403, 404, 502, 503),
  },
});

const listKycSessionsRoute = createRoute({
  operationId: "listKycSessions",
  description:
    "The user's KYC sessions, newest first, as the Transactions Service keeps them. Callers: the user themself, services and operators.",
  method: "get",
  path: "/{user_id}/kyc/sessions",
  tags: ["KYC"],
  summary: "The user's KYC sessions, newest first (the user themself, services, operators)",
  ...selfOrStaff,
  request: { params: UserIdParams, query: PageQuery },
  responses: {
    200: json(KycSessionPageSchema, "A page of sessions"),
    ...problems(400, 401, 403, 404, 502, 503),
  },
});

export function registerKycRoutes(app: OpenAPIHono<AppEnv>, deps: KycRoutesDeps): void {
  app.openapi(startKycSessionRoute, async (c) => {
    const userId = c.req.valid("param").user_id;
    const session = await startKycSession(deps, c.get("principal"), userId, c.req.valid("json"));
    return c.json(session, 201);
  });

  app.openapi(listKycSessionsRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await listKycSessions(deps, c.get("principal"), c.req.valid("param").user_id, {
      limit,
      ...(cursor === undefined ? {} : { cursor }),
    });
    return c.json(page, 200);
  });
}
