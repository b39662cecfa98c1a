import { beforeEach, describe, expect, it } from "vitest";
import { DependencyError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import {
  type Authorize,
  bearerAuthorizer,
  sigV4Authorizer,
} from "../../../src/users/adapters/http/user-service-api.authorizers.ts";
import { HttpUserServiceApi } from "../../../src/users/adapters/http/user-service-api.http.ts";
import { buildTestServices, TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import {
  FAKE_AWS_CREDENTIALS,
  FAKE_REGION,
  signedByKnownCaller,
} from "../../fakes/transactions-service.fake.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";
import { recordingLogger } from "../../support/recording-logger.ts";

const BASE_URL = "https://user-service.roster.invalid/test";

describe("the User Service API client against the app", () => {
  let s: Awaited<ReturnType<typeof buildTestServices>>;
  const call = httpClient(() => s.app);
  /** Sends what the client built to the in-process app, as the local runtime does. */
  const toApp = async (request: Request) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith("/test/")) throw new Error(`unexpected path ${url.pathname}`);
    return s.app.request(new Request(new URL(url.pathname.slice("/test".length), url), request));
  };
  const clientAs = (authorize: Authorize, log = recordingLogger()) =>
    new HttpUserServiceApi({ baseUrl: BASE_URL, authorize, fetch: toApp, logger: log.logger });
  const asService = () => bearerAuthorizer(() => s.token({ kind: "service", id: "payments" }));

  async function signUp(userId: string): Promise<void> {
    const token = await s.token({ kind: "user", id: userId, mfa: true });
    const created = await call("/users/create", {
      method: "POST",
      token,
      body: { user_email: "ada@example.com" },
    });
    expect(created.status).toBe(201);
  }
  const userOf = async (userId: string) =>
    jsonOf(
      call(`/${encodeURIComponent(userId)}/user`, {
        token: await s.token({ kind: "operator", id: "mx-kim" }),
      }),
    );

  beforeEach(async () => {
    s = await buildTestServices();
  });

  it("bans a user as a service: banned, then refused, and unknown-user for nobody", async () => {
    await signUp("auth0|ada");
    const api = clientAs(asService());

    expect(await api.banUser("auth0|ada", "chargeback")).toBe("banned");
    expect(await userOf("auth0|ada")).toMatchObject({
      user_status: "BANNED",
      user_status_reason: "chargeback",
    });
    expect(await s.sandboxes.accounts.isBlocked("auth0|ada")).toBe(true);

    expect(await api.banUser("auth0|ada", "chargeback")).toBe("refused");
    expect(await api.banUser("auth0|nobody", "chargeback")).toBe("unknown-user");
  });

  it("answers DependencyError naming the status when Roster refuses the caller (a user token: 403)", async () => {
    await signUp("auth0|ada");
    const asUser = bearerAuthorizer(() => s.token({ kind: "user", id: "auth0|ada", mfa: true }));
    const banning = clientAs(asUser).banUser("auth0|ada", "chargeback");
    await expect(banning).rejects.toBeInstanceOf(DependencyError);
    await expect(banning).rejects.toThrow("HTTP 403");
    expect((await userOf("auth0|ada")).user_status).toBe("PROCESSING");
  });
});

describe("the User Service API client's failures", () => {
  const secret = "internal stack trace: db host 10.1.2.3";
  const answering = (status: number) => async () => Response.json({ detail: secret }, { status });
  const clientWith = (fetch: (request: Request) => Promise<Response>, log = recordingLogger()) =>
    new HttpUserServiceApi({
      baseUrl: BASE_URL,
      authorize: bearerAuthorizer(() => "service-token"),
      fetch,
      timeoutMs: 200,
      logger: log.logger,
    });

  it("maps 5xx to UnavailableError and other statuses to DependencyError, repeating no body", async () => {
    const log = recordingLogger();
    for (const [status, error] of [
      [503, UnavailableError],
      [500, UnavailableError],
      [504, UnavailableError],
      [400, DependencyError],
      [401, DependencyError],
      [422, DependencyError],
    ] as const) {
      const banning = clientWith(answering(status), log).banUser("auth0|ada", "chargeback");
      await expect(banning).rejects.toThrow(error);
      await expect(banning).rejects.toThrow(`HTTP ${status}`);
      await expect(banning).rejects.not.toThrow(secret);
    }
    expect(log.text()).toContain("banUser");
    expect(log.text()).not.toContain(secret);
  });

  it("answers UnavailableError when the API cannot be reached or does not answer in time", async () => {
    const unreachable = clientWith(async () => {
      throw new TypeError("fetch failed");
    });
    await expect(unreachable.banUser("auth0|ada", "x")).rejects.toThrow("could not be reached");
    const hanging = clientWith(
      (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
    );
    await expect(hanging.banUser("auth0|ada", "x")).rejects.toThrow("did not answer within 200 ms");
  });

  it("sends POST {base}/{user_id}/user/ban with the reason as JSON and the bearer token", async () => {
    const sent: Request[] = [];
    const api = clientWith(async (request) => {
      sent.push(request);
      return Response.json({}, { status: 200 });
    });
    expect(await api.banUser("auth0|ada", "chargeback")).toBe("banned");
    const [request] = sent;
    expect(`${request?.method} ${request?.url}`).toBe(`POST ${BASE_URL}/auth0%7Cada/user/ban`);
    expect(request?.headers.get("authorization")).toBe("Bearer service-token");
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(await request?.json()).toEqual({ reason: "chargeback" });
  });
});

describe("the SigV4 authorizer", () => {
  it("signs the request for execute-api so that IAM's check passes, keeping the body", async () => {
    const sent: Request[] = [];
    const api = new HttpUserServiceApi({
      baseUrl: BASE_URL,
      authorize: sigV4Authorizer({
        region: FAKE_REGION,
        credentials: FAKE_AWS_CREDENTIALS,
        clock: new ManualClock(TEST_NOW),
      }),
      fetch: async (request) => {
        sent.push(request);
        return new Response(null, { status: 200 });
      },
      logger: recordingLogger().logger,
    });

    expect(await api.banUser("auth0|ada", "chargeback")).toBe("banned");

    const [request] = sent as [Request];
    const url = new URL(request.url);
    const body = await request.text();
    expect(JSON.parse(body)).toEqual({ reason: "chargeback" });
    expect(request.headers.get("x-amz-date")).toBe("20261122T093000Z");
    const received = {
      method: request.method,
      url: `${url.pathname}${url.search}`,
      headers: { ...Object.fromEntries(request.headers), host: url.host },
      body,
    };
    expect(await signedByKnownCaller(received)).toBe(true);
    expect(await signedByKnownCaller({ ...received, body: '{"reason":"other"}' })).toBe(false);
  });
});
