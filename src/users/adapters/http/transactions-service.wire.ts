import * as z from "zod";
import {
  KYC_PROVIDERS,
  KYC_SESSION_STATUSES,
  PLAID_ITEM_STATUSES,
} from "../../ports/transactions-service.port.ts";

/**
 * The bodies of the Transactions Service's API as this client assumes them (see
 * transactions-service.http.ts for the paths). Field names are the port's: snake_case, RFC 3339 times.
 */
export const PlaidItemsAnswer = z.object({
  items: z.array(
    z.object({
      item_id: z.string().min(1),
      institution_id: z.string().min(1),
      institution_name: z.string(),
      status: z.enum(PLAID_ITEM_STATUSES),
    }),
  ),
});

export const RemovedAnswer = z.object({ removed: z.number().int().min(0) });

export const KycSessionAnswer = z.object({
  kyc_session_id: z.string().min(1),
  user_id: z.string().min(1),
  provider: z.enum(KYC_PROVIDERS),
  status: z.enum(KYC_SESSION_STATUSES),
  session_url: z.url(),
  redirect_uri: z.string().min(1),
  created_at: z.iso.datetime({ offset: true }),
  expires_at: z.iso.datetime({ offset: true }),
});

export const KycSessionPageAnswer = z.object({
  items: z.array(KycSessionAnswer),
  next_cursor: z.string().min(1).optional(),
});

/** The 400 the service answers to a `cursor` it did not issue. */
export const INVALID_CURSOR_CODE = "INVALID_CURSOR";
export const ErrorAnswer = z.object({ code: z.string() });
