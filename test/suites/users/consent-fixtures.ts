import { expect } from "vitest";
import { buildTestServices, type TestServicesOptions } from "../../../src/users/wiring/test-services.ts";
import { httpClient } from "../../support/http-client.ts";
import type { JsonResponse } from "../../support/json.ts";

export const ADA = "/auth0%7Cada";

export const termsOfService = {
  consent_key: "terms_of_service",
  agreement_app_version: "4.12.0",
  agreement_approval_date: "2026-11-22",
};

/** The `path` of each error a 400 problem names, sorted. */
export const fieldsNamed = async (res: JsonResponse): Promise<string[]> =>
  ((await res.json()).errors ?? []).map((e: { path: string }) => e.path).sort();

/** Test services where Ada has signed up, with tokens for her, a service and an operator. */
export async function withAda(options: TestServicesOptions) {
  const s = await buildTestServices(options);
  const call = httpClient(() => s.app);
  const ada = await s.token({ kind: "user", id: "auth0|ada", mfa: true });
  const service = await s.token({ kind: "service", id: "onboarding" });
  const operator = await s.token({ kind: "operator", id: "mx-kim" });
  const body = { user_email: "ada@example.com" };
  expect((await call("/users/create", { method: "POST", token: ada, body })).status).toBe(201);
  return { ...s, call, ada, service, operator };
}
