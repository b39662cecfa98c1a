import { z } from "@hono/zod-openapi";
import { pageOf } from "../../platform/http/pagination.schemas.ts";
import { text } from "../../platform/http/text.schemas.ts";
import { KYC_PROVIDERS, KYC_SESSION_STATUSES } from "../ports/transactions-service.port.ts";

/** Schemes a provider must never be told to send the user to: web without TLS and script or local content. */
const REFUSED_SCHEMES = new Set(["http", "javascript", "data", "file", "blob", "about", "vbscript", "ftp"]);

function redirectUriProblem(value: string): string | undefined {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined || !URL.canParse(value))
    return "must be an absolute URL, e.g. https://app.example/kyc/done";
  if (REFUSED_SCHEMES.has(scheme))
    return `must be an https URL or the app's deep link (e.g. roster://kyc/done), not ${scheme}:`;
  return undefined;
}

const redirectUri = text({
  max: 2048,
  rule: redirectUriProblem,
  description:
    "Where the provider sends the user back: an absolute https URL or the app's deep link " +
    "(not http, javascript, data, file, blob, about, vbscript or ftp).",
});

export const KycSessionRequestSchema = z
  .strictObject({
    provider: z.enum(KYC_PROVIDERS).openapi({ description: "The identity verification vendor" }),
    redirect_uri: redirectUri.openapi({ example: "roster://kyc/done" }),
  })
  .openapi("KycSessionRequest", { example: { provider: "plaid_idv", redirect_uri: "roster://kyc/done" } });

export const KycSessionSchema = z
  .object({
    kyc_session_id: z.string(),
    user_id: z.string(),
    provider: z.enum(KYC_PROVIDERS),
    status: z.enum(KYC_SESSION_STATUSES).openapi({
      description:
        "CREATED until the user finishes the provider's flow; PENDING_REVIEW, APPROVED, DECLINED; EXPIRED when not finished by expires_at",
    }),
    session_url: z.string().openapi({ description: "The provider's page the app opens for the user" }),
    redirect_uri: z.string(),
    created_at: z.string().openapi({ format: "date-time" }),
    expires_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("KycSession", {
    example: {
      kyc_session_id: "kyc_01JD2W7X4M",
      user_id: "auth0|6568a1f2c0ffee",
      provider: "plaid_idv",
      status: "CREATED",
      session_url: "https://verify.plaid.example/idv/kyc_01JD2W7X4M",
      redirect_uri: "roster://kyc/done",
      created_at: "2026-11-22T09:30:00.000Z",
      expires_at: "2026-11-22T10:30:00.000Z",
    },
  });

export const KycSessionPageSchema = pageOf(KycSessionSchema, "KycSessionPage");
