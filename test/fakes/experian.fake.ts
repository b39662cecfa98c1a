import { z } from "zod";
import { DependencyError, UnavailableError } from "../../src/platform/errors/app.errors.ts";
import { sequentialIds } from "../../src/platform/time/id-generator.port.ts";
import { EXPERIAN_MLA_PATH, EXPERIAN_TOKEN_PATH } from "../../src/users/adapters/http/experian-mla.http.ts";
import { SandboxMlaLookup } from "../../src/users/adapters/sandbox/mla-lookup.sandbox.ts";
import { type Answer, LoopbackServer, type Received } from "../support/loopback-server.ts";

/** The only credentials the fake grants a token to. */
export const FAKE_EXPERIAN_CREDENTIALS = {
  clientId: "roster-test-client",
  clientSecret: "roster-test-client-secret",
  username: "mla@roster.test",
  password: "roster-test-password",
  subscriberCode: "7654321",
} as const;
export const FAKE_TOKEN_LIFETIME_SECONDS = 1800;

const TokenBody = z.object({
  username: z.literal(FAKE_EXPERIAN_CREDENTIALS.username),
  password: z.literal(FAKE_EXPERIAN_CREDENTIALS.password),
  client_id: z.literal(FAKE_EXPERIAN_CREDENTIALS.clientId),
  client_secret: z.literal(FAKE_EXPERIAN_CREDENTIALS.clientSecret),
});

const upper = z.string().regex(/^[A-Z][A-Z' .-]*$/);
const MlaBody = z.strictObject({
  requestor: z.strictObject({ subscriberCode: z.literal(FAKE_EXPERIAN_CREDENTIALS.subscriberCode) }),
  consumerPii: z.strictObject({
    primaryApplicant: z.strictObject({
      name: z.strictObject({ firstName: upper, middleName: upper.optional(), lastName: upper }),
      dob: z.strictObject({ dob: z.string().regex(/^\d{8}$/) }),
      ssn: z.strictObject({ ssn: z.string().regex(/^\d{9}$/) }),
      currentAddress: z.strictObject({
        line1: z.string().min(1),
        city: z.string().min(1),
        state: z.string().regex(/^[A-Z]{2}$/),
        zipCode: z.string().regex(/^\d{5}(-\d{4})?$/),
      }),
    }),
  }),
});

/**
 * Experian's side of the wire for tests of the production client: an OAuth password grant that issues
 * `token-<n>`, and the MLA search, which needs a live token (401 otherwise), checks the request shape
 * (400 otherwise) and answers with the sandbox's rules. When it fails it echoes the SSN in its body,
 * as vendors do, so a test can show the client never repeats or logs it.
 */
export async function startFakeExperian() {
  const sandbox = new SandboxMlaLookup({ ids: sequentialIds("exp") });
  const live = new Set<string>();
  let issued = 0;
  const server = await LoopbackServer.start(async (request): Promise<Answer> => {
    if (request.method !== "POST") return { status: 405 };
    if (request.url === `/${EXPERIAN_TOKEN_PATH}`) {
      const granted =
        request.headers.grant_type === "password" && TokenBody.safeParse(parse(request)).success;
      if (!granted)
        return { status: 401, body: { errors: [{ errorCode: "3001", message: "Invalid client" }] } };
      const token = `token-${++issued}`;
      live.add(token);
      return {
        status: 200,
        body: {
          issued_at: "1795339800000",
          expires_in: String(FAKE_TOKEN_LIFETIME_SECONDS),
          token_type: "Bearer",
          access_token: token,
          refresh_token: `refresh-${issued}`,
        },
      };
    }
    if (request.url !== `/${EXPERIAN_MLA_PATH}`) return { status: 404 };
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (!bearer || !live.has(bearer))
      return { status: 401, body: { errors: [{ message: "Invalid token" }] } };
    const body = MlaBody.safeParse(parse(request));
    if (!body.success) return { status: 400, body: { errors: body.error.issues } };
    return lookup(sandbox, body.data);
  });
  return {
    server,
    url: server.origin,
    /** How many tokens were granted so far. */
    tokensIssued: () => issued,
    /** Experian revokes every token it granted (the client must ask for a new one). */
    revokeTokens: () => live.clear(),
  };
}

async function lookup(sandbox: SandboxMlaLookup, body: z.infer<typeof MlaBody>): Promise<Answer> {
  const applicant = body.consumerPii.primaryApplicant;
  const dob = applicant.dob.dob;
  try {
    const result = await sandbox.lookup({
      first_name: applicant.name.firstName,
      last_name: applicant.name.lastName,
      date_of_birth: `${dob.slice(4)}-${dob.slice(0, 2)}-${dob.slice(2, 4)}`,
      ssn: applicant.ssn.ssn,
      address: {
        line1: applicant.currentAddress.line1,
        city: applicant.currentAddress.city,
        state: applicant.currentAddress.state,
        zip_code: applicant.currentAddress.zipCode,
      },
    });
    return {
      status: 200,
      body: {
        transactionId: result.experian_transaction_id,
        mlaResult: { messageNumber: result.message_number, messageText: result.message_text },
      },
    };
  } catch (error) {
    const echo = { errors: [{ message: `failed for ssn ${applicant.ssn.ssn}, dob ${dob}` }] };
    if (error instanceof UnavailableError) return { status: 503, body: echo };
    if (error instanceof DependencyError) return { status: 500, body: echo };
    throw error;
  }
}

function parse(request: Received): unknown {
  try {
    return JSON.parse(request.body);
  } catch {
    return undefined;
  }
}
