import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { PageQuery, pageOf } from "../../platform/http/pagination.schemas.ts";
import type { SourceAddress } from "../../platform/http/source-address.ts";
import { findConsent } from "../use-cases/consent/find-consent.use-case.ts";
import { listConsents } from "../use-cases/consent/list-consents.use-case.ts";
import { type RecordConsentDeps, recordConsent } from "../use-cases/consent/record-consent.use-case.ts";
import { ConsentInputSchema, ConsentLookupParams, ConsentSchema } from "./consent.schemas.ts";
import { selfOrServices, selfOrStaff, staff } from "./route-callers.ts";
import { UserIdParams } from "./user.schemas.ts";

export type ConsentRoutesDeps = RecordConsentDeps;

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const ConsentPage = pageOf(ConsentSchema, "ConsentPage");

const recordConsentRoute = createRoute({
  operationId: "recordConsent",
  description:
    "Records the user's agreement to a consent key (terms, privacy policy...) with the request's source address as the agreement IP. Callers: the user themself and services; operators may not agree for a user.",
  method: "post",
  path: "/{user_id}/consents",
  tags: ["Consents"],
  summary: "Record a consent (the user or a service); the agreement IP is the request's source address",
  ...selfOrServices,
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
  operationId: "listConsents",
  description:
    "The user's consents of every key, newest first, one page at a time. Callers: the user themself, services and operators.",
  method: "get",
  path: "/{user_id}/consents",
  tags: ["Consents"],
  summary: "The user's consents of every key, newest first",
  ...selfOrStaff,
  request: { params: UserIdParams, query: PageQuery },
  responses: { 200: json(ConsentPage, "A page of consents"), ...problems(400, 401, 403, 404) },
});

const findConsentRoute = createRoute({
  operationId: "findConsent",
  description:
    "Consent-first lookup: the users who agreed to this consent key at this time, with their consents. Callers: services and operators.",
  method: "get",
  path: "/consents/{consent_key}/{timestamp}",
  tags: ["Consents"],
  summary: "Consent-first lookup through GSI1: who agreed to this key at this time (services and operators)",
  ...staff,
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
