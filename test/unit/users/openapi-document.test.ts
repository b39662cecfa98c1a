import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import type { Json } from "../../support/json.ts";

describe("GET /openapi.json", () => {
  it("is a valid OpenAPI 3.1 document listing the slice's routes with their problem responses", async () => {
    const { app } = await buildTestServices();
    const res = await app.request("/openapi.json");
    expect(res.status).toBe(200);
    const doc: Json = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(doc));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/consents/{consent_key}/{timestamp}",
      "/health",
      "/users",
      "/users/create",
      "/users/reports/members",
      "/users/search",
      "/{user_id}/balance-settings",
      "/{user_id}/consents",
      "/{user_id}/kyc/sessions",
      "/{user_id}/membership",
      "/{user_id}/membership/cancel",
      "/{user_id}/membership/cancel/complete",
      "/{user_id}/membership/close-account",
      "/{user_id}/membership/downgrade",
      "/{user_id}/membership/downgrade/finalize",
      "/{user_id}/membership/pause",
      "/{user_id}/membership/paynow",
      "/{user_id}/membership/preview/{change}",
      "/{user_id}/membership/reactivate",
      "/{user_id}/membership/retract",
      "/{user_id}/membership/unpause",
      "/{user_id}/membership/upgrade",
      "/{user_id}/memberships",
      "/{user_id}/mla",
      "/{user_id}/phone",
      "/{user_id}/phone/opt-out",
      "/{user_id}/phone/verify",
      "/{user_id}/tags",
      "/{user_id}/tags/{tag_name}",
      "/{user_id}/user",
      "/{user_id}/user/activate",
      "/{user_id}/user/ban",
      "/{user_id}/user/clear-investigation",
      "/{user_id}/user/history",
      "/{user_id}/user/investigate",
      "/{user_id}/user/unban",
    ]);
    expect(doc.paths["/users/create"].post.responses["400"].content).toHaveProperty(
      "application/problem+json",
    );
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });
});
