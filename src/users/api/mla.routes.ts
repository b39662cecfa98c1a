import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { PageQuery, pageOf } from "../../platform/http/pagination.schemas.ts";
import { listMlaLookups } from "../use-cases/mla/list-mla-lookups.use-case.ts";
import { type MlaDeps, runMlaLookup } from "../use-cases/mla/run-mla-lookup.use-case.ts";
import { MlaLookupRequestSchema, toMlaSubject } from "./mla.schemas.ts";
import { selfOrStaff } from "./route-callers.ts";
import { UserIdParams } from "./user.schemas.ts";

const MlaLookupRecordSchema = z
  .object({
    user_id: z.string(),
    message_number: z.string().openapi({ description: "Experian's response code; 1203 = covered borrower" }),
    message_text: z.string(),
    experian_transaction_id: z.string(),
    is_military: z.boolean(),
    timestamp: z.string().openapi({ description: "RFC 3339 with nanoseconds" }),
  })
  .openapi("MlaLookupRecord", {
    example: {
      user_id: "auth0|6568a1f2c0ffee",
      message_number: "1203",
      message_text: "Covered borrower",
      experian_transaction_id: "7d1c0a52-55c6-4d3a-9d0c-1b0e5e9f1c20",
      is_military: true,
      timestamp: "2026-11-22T09:30:00.123000000Z",
    },
  });

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const runRoute = createRoute({
  operationId: "runMlaLookup",
  description:
    "Runs a Military Lending Act covered-borrower lookup at Experian for the person given, records the answer and sets the user's `is_military` tag. Callers: the user themself, services and operators.",
  method: "post",
  path: "/{user_id}/mla",
  tags: ["MLA"],
  summary: "Run an MLA covered-borrower lookup (Experian); records it and sets the is_military tag",
  ...selfOrStaff,
  request: {
    params: UserIdParams,
    body: { required: true, content: { "application/json": { schema: MlaLookupRequestSchema } } },
  },
  responses: {
    201: json(MlaLookupRecordSchema, "The recorded lookup"),
    ...problems(400, 401, 403, 404, 409, 502, 503),
  },
});

const listRoute = createRoute({
  operationId: "listMlaLookups",
  description: "The user's MLA lookups, newest first. Callers: the user themself, services and operators.",
  method: "get",
  path: "/{user_id}/mla",
  tags: ["MLA"],
  summary: "The user's MLA lookups, newest first",
  ...selfOrStaff,
  request: { params: UserIdParams, query: PageQuery },
  responses: {
    200: json(pageOf(MlaLookupRecordSchema, "MlaLookupPage"), "A page of lookups"),
    ...problems(400, 401, 403, 404),
  },
});

export function registerMlaRoutes(app: OpenAPIHono<AppEnv>, deps: MlaDeps): void {
  app.openapi(runRoute, async (c) => {
    const subject = toMlaSubject(c.req.valid("json"));
    return c.json(await runMlaLookup(deps, c.get("principal"), c.req.valid("param").user_id, subject), 201);
  });

  app.openapi(listRoute, async (c) => {
    const page = await listMlaLookups(
      deps,
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("query"),
    );
    return c.json(page, 200);
  });
}
