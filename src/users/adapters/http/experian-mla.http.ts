import * as z from "zod";
import {
  type Dependency,
  type DependencyLogger,
  exchange,
  parseAnswer,
  unexpectedAnswer,
} from "../../../platform/adapters/http/outbound-http.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import {
  COVERED_BORROWER_MESSAGE,
  type MlaLookup,
  type MlaLookupResult,
  type MlaSubject,
} from "../../ports/mla-lookup.port.ts";

export interface ExperianMlaOptions {
  /** e.g. `https://us-api.experian.com` (production) or `https://sandbox-us-api.experian.com`. */
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly username: string;
  readonly password: string;
  readonly subscriberCode: string;
  /** For each request, the token request included. */
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly logger: DependencyLogger;
}

/** A token is renewed this long before Experian says it expires, so it never expires in flight. */
const TOKEN_RENEWAL_MARGIN_MS = 60_000;
export const EXPERIAN_TOKEN_PATH = "oauth2/v1/token";
export const EXPERIAN_MLA_PATH = "consumerservices/mla/v1/covered-borrower";

const TokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
});

const MlaAnswer = z.object({
  transactionId: z.string().min(1),
  mlaResult: z.object({
    messageNumber: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String),
    messageText: z.string(),
  }),
});

/**
 * The production MLA lookup on Experian's API. The contract assumed (paths relative to the base URL):
 *
 * 1. `POST oauth2/v1/token`, headers `grant_type: password`, body `{ username, password, client_id,
 *    client_secret }` -> 200 `{ access_token, token_type: "Bearer", expires_in }` (seconds, a string or
 *    a number). The token is cached until a minute before it expires and renewed once on a 401.
 * 2. `POST consumerservices/mla/v1/covered-borrower`, `authorization: Bearer <token>`, body
 *    `{ requestor: { subscriberCode }, consumerPii: { primaryApplicant: { name: { firstName, middleName?,
 *    lastName }, dob: { dob: "MMDDYYYY" }, ssn: { ssn: "<9 digits>" }, currentAddress: { line1, city,
 *    state, zipCode } } } }` (names and address upper-cased) -> 200 `{ transactionId, mlaResult:
 *    { messageNumber, messageText } }`; message 1203 is a covered borrower.
 *
 * Failures: no answer within `timeoutMs`, no connection, 429, 503 or 504 -> UnavailableError (503);
 * refused credentials, any other status or a body outside the contract -> DependencyError (502).
 * The SSN and date of birth exist only in the request body: they are never logged, and no error
 * repeats Experian's answer (which may echo them). Logs carry the operation and status only.
 */
export class ExperianMlaLookup implements MlaLookup {
  readonly #options: ExperianMlaOptions;
  readonly #base: URL;
  readonly #dependency: Dependency;
  #token: { readonly value: string; readonly renewAt: number } | undefined;

  constructor(options: ExperianMlaOptions) {
    this.#options = options;
    this.#base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
    this.#dependency = {
      name: "Experian's MLA service",
      timeoutMs: options.timeoutMs,
      logger: options.logger,
    };
  }

  async lookup(subject: MlaSubject): Promise<MlaLookupResult> {
    const body = JSON.stringify(mlaRequest(subject, this.#options.subscriberCode));
    let answer = await this.#post("lookup", EXPERIAN_MLA_PATH, body, await this.#authorization());
    if (answer.status === 401) {
      // Experian may revoke a token before its announced expiry: renew it once.
      this.#token = undefined;
      answer = await this.#post("lookup", EXPERIAN_MLA_PATH, body, await this.#authorization());
    }
    if (answer.status !== 200) throw unexpectedAnswer(this.#dependency, "lookup", answer);
    const { transactionId, mlaResult } = parseAnswer(this.#dependency, "lookup", MlaAnswer, answer.body);
    return {
      message_number: mlaResult.messageNumber,
      message_text: mlaResult.messageText,
      experian_transaction_id: transactionId,
      is_military: mlaResult.messageNumber === COVERED_BORROWER_MESSAGE,
    };
  }

  async #authorization(): Promise<{ authorization: string }> {
    return { authorization: `Bearer ${await this.#accessToken()}` };
  }

  async #accessToken(): Promise<string> {
    const now = this.#options.clock.now().getTime();
    if (this.#token && now < this.#token.renewAt) return this.#token.value;
    const { clientId, clientSecret, username, password } = this.#options;
    const body = JSON.stringify({ username, password, client_id: clientId, client_secret: clientSecret });
    const answer = await this.#post("token", EXPERIAN_TOKEN_PATH, body, { grant_type: "password" });
    if (answer.status !== 200) throw unexpectedAnswer(this.#dependency, "token", answer);
    const token = parseAnswer(this.#dependency, "token", TokenAnswer, answer.body);
    this.#token = {
      value: token.access_token,
      renewAt: now + token.expires_in * 1000 - TOKEN_RENEWAL_MARGIN_MS,
    };
    return token.access_token;
  }

  #post(operation: string, path: string, body: string, headers: Record<string, string>) {
    return exchange(this.#dependency, {
      operation,
      method: "POST",
      url: new URL(path, this.#base),
      headers: { accept: "application/json", "content-type": "application/json", ...headers },
      body,
    });
  }
}

function mlaRequest(subject: MlaSubject, subscriberCode: string) {
  const [year, month, day] = subject.date_of_birth.split("-");
  const upper = (text: string) => text.trim().toUpperCase();
  return {
    requestor: { subscriberCode },
    consumerPii: {
      primaryApplicant: {
        name: {
          firstName: upper(subject.first_name),
          ...(subject.middle_name ? { middleName: upper(subject.middle_name) } : {}),
          lastName: upper(subject.last_name),
        },
        dob: { dob: `${month}${day}${year}` },
        ssn: { ssn: subject.ssn.replaceAll("-", "") },
        currentAddress: {
          line1: upper(subject.address.line1),
          city: upper(subject.address.city),
          state: upper(subject.address.state),
          zipCode: subject.address.zip_code,
        },
      },
    },
  };
}
