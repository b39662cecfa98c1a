import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { bearerSecurity, problems } from "../../platform/http/common.schemas.ts";
import { PageQuery, pageOf } from "../../platform/http/pagination.schemas.ts";
import type { SourceAddress } from "../../platform/http/source-address.ts";
import { findConsent } from "../use-cases/consent/find-consent.use-case.ts";
import { listConsents } from "../use-cases/consent/list-consents.use-case.ts";
import { type RecordConsentDeps, recordConsent } from "../use-cases/consent/record-consent.use-case.ts";
import { ConsentInputSchema, ConsentLookupParams, ConsentSchema } from "./consent.schemas.ts";
import { UserIdParams } from "./user.schemas.ts";

export type ConsentRoutesDeps = RecordConsentDeps;

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const ConsentPage = pageOf(ConsentSchema, "ConsentPage");

const recordConsentRoute = createRoute({
  method: "post",
  path: "/{user_id}/consents",
  tags: ["Consents"],
  summary: "Record a consent (the user or a service); the agreement IP is the request's source address",
  security: bearerSecurity,
  request: {
    params: UserIdParams,
    body: { required: true, content: { "application/json": { schema: ConsentInputSchema } } },
  },
  responses: {
    201: json(ConsentSchema, "The consent as recorded"),
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

const listConsentsRoute = createRoute({
  method: "get",
  path: "/{user_id}/consents",
  tags: ["Consents"],
  summary: "The user's consents of every key, newest first",
  security: bearerSecurity,
  request: { params: UserIdParams, query: PageQuery },
  responses: { 200: json(ConsentPage, "A page of consents"), ...problems(400, 401, 403, 404) },
});

const findConsentRoute = createRoute({
  method: "get",
  path: "/consents/{consent_key}/{timestamp}",
  tags: ["Consents"],
  summary: "Consent-first lookup through GSI1: who agreed to this key at this time (services and operators)",
  security: bearerSecurity,
  request: { params: ConsentLookupParams, query: PageQuery },
  responses: { 200: json(ConsentPage, "The consents, with their users"), ...problems(400, 401, 403, 404) },
});

export function registerConsentRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: ConsentRoutesDeps,
  sourceAddress: SourceAddress,
): void {
  app.openapi(recordConsentRoute, async (c) => {
    const userId = c.req.valid("param").user_id;
    const statement = c.req.valid("json");
    const consent = await recordConsent(deps, c.get("principal"), userId, statement, sourceAddress(c));
    return c.json(consent, 201);
  });

  app.openapi(listConsentsRoute, async (c) => {
    const page = await listConsents(
      deps,
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("query"),
    );
    return c.json(page, 200);
  });

  app.openapi(findConsentRoute, async (c) => {
    const page = await findConsent(deps, c.get("principal"), c.req.valid("param"), c.req.valid("query"));
    return c.json(page, 200);
  });
}
