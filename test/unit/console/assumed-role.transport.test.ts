import { createHash } from "node:crypto";
import type { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import {
  AssumedRoleTransport,
  roleSessionName,
} from "../../../src/console/adapters/aws/assumed-role.transport.ts";
import { regionOfApiUrl, serviceOf } from "../../../src/console/adapters/aws/service-api.routing.ts";
import { OperatorRosterApi } from "../../../src/console/adapters/http/roster-api.client.ts";
import type { Operator } from "../../../src/console/domain/operator.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { recordingLogger } from "../../support/recording-logger.ts";

const ROLES = {
  support: "arn:aws:iam::111122223333:role/dev-console-support",
  mx: "arn:aws:iam::111122223333:role/dev-console-mx",
  admin: "arn:aws:iam::111122223333:role/dev-console-admin",
};
const APIS = {
  users: { url: "https://usr.execute-api.us-east-2.amazonaws.com/dev", region: "us-east-2" },
  payments: { url: "https://pay.execute-api.us-east-2.amazonaws.com/dev/", region: "us-east-2" },
  subscriptions: { url: "https://sub.execute-api.us-east-2.amazonaws.com/dev", region: "us-east-2" },
  purchases: { url: "https://pur.execute-api.us-west-2.amazonaws.com/dev", region: "us-west-2" },
};
const grace: Operator = { id: "auth0|grace", name: "Grace", email: undefined, roles: ["support", "mx"] };

/** STS's side: answers AssumeRole with credentials that last `seconds`, and keeps what it was asked. */
function fakeSts(clock: ManualClock) {
  const asked: AssumeRoleCommand["input"][] = [];
  const refusing = { next: false };
  const sts = {
    send: async (command: AssumeRoleCommand) => {
      asked.push(command.input);
      if (refusing.next) {
        refusing.next = false;
        throw Object.assign(new Error("User is not authorized to perform: sts:AssumeRole"), {
          name: "AccessDenied",
        });
      }
      const n = asked.length;
      return {
        Credentials: {
          AccessKeyId: `ASIA${n}`,
          SecretAccessKey: `secret-${n}`,
          SessionToken: `token-${n}`,
          Expiration: new Date(clock.now().getTime() + (command.input.DurationSeconds ?? 3600) * 1000),
        },
      };
    },
  } as unknown as Pick<STSClient, "send">;
  return { sts, asked, refusing };
}

function setUp() {
  const clock = new ManualClock("2026-12-03T10:00:00Z");
  const { sts, asked, refusing } = fakeSts(clock);
  const sent: Request[] = [];
  const { logger, text } = recordingLogger();
  const transport = new AssumedRoleTransport({
    sts,
    roleArns: ROLES,
    apis: APIS,
    clock,
    timeoutMs: 1_000,
    logger,
    send: async (request) => {
      sent.push(request);
      return Response.json({ ok: true });
    },
  });
  return { clock, asked, sent, refusing, logs: text, api: new OperatorRosterApi(transport) };
}

describe("the console's calls on AWS, as the operator's assumed role", () => {
  it("routes each path to its service's API by its first segment", () => {
    expect(
      [
        "/payments/charges/c1",
        "/subscriptions/owners",
        "/user/owners/t1",
        "/purchases/asyncapi.json",
        "/apple/x",
      ].map(serviceOf),
    ).toEqual(["payments", "subscriptions", "purchases", "purchases", "purchases"]);
    expect(["/auth0%7C1/user", "/users/search", "/consents", "/asyncapi.json"].map(serviceOf)).toEqual([
      "users",
      "users",
      "users",
      "users",
    ]);
    expect(regionOfApiUrl(APIS.purchases.url, "us-east-2")).toBe("us-west-2");
    expect(regionOfApiUrl("https://api.example.com/dev", "us-east-2")).toBe("us-east-2");
  });

  it("assumes the role of the operator's highest console role in their name, and signs with it", async () => {
    const { asked, sent, api } = setUp();
    const answer = await api.call(grace, {
      method: "POST",
      path: "/auth0%7C1/user/ban",
      body: { reason: "fraud" },
    });
    expect(answer).toEqual({ status: 200, body: { ok: true } });
    expect(asked).toEqual([{ RoleArn: ROLES.mx, RoleSessionName: "auth0-grace", DurationSeconds: 3600 }]);
    const [request] = sent;
    expect(request?.url).toBe("https://usr.execute-api.us-east-2.amazonaws.com/dev/auth0%7C1/user/ban");
    expect(request?.headers.get("authorization")).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIA1\/20261203\/us-east-2\/execute-api\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(request?.headers.get("x-amz-security-token")).toBe("token-1");
    const body = JSON.stringify({ reason: "fraud" });
    expect(request?.headers.get("x-amz-content-sha256")).toBe(
      createHash("sha256").update(body).digest("hex"),
    );
    expect(await request?.text()).toBe(body);
  });

  it("signs for the region of the API a path goes to", async () => {
    const { sent, api } = setUp();
    await api.call(grace, { method: "GET", path: "/user/owners/t1" });
    expect(sent[0]?.url).toBe("https://pur.execute-api.us-west-2.amazonaws.com/dev/user/owners/t1");
    expect(sent[0]?.headers.get("authorization")).toContain("/us-west-2/execute-api/");
  });

  it("keeps an operator's credentials until shortly before they expire, one per operator", async () => {
    const { clock, asked, api } = setUp();
    const ada: Operator = { id: "ada", name: "Ada", email: undefined, roles: ["admin"] };
    await api.call(grace, { method: "GET", path: "/payments/charges/c1" });
    await api.call(grace, { method: "GET", path: "/subscriptions/owners" });
    await api.call(ada, { method: "GET", path: "/payments/charges/c1" });
    expect(asked.map((input) => [input.RoleArn, input.RoleSessionName])).toEqual([
      [ROLES.mx, "auth0-grace"],
      [ROLES.admin, "ada"],
    ]);
    clock.advance(54 * 60_000);
    await api.call(grace, { method: "GET", path: "/payments/charges/c1" });
    expect(asked).toHaveLength(2);
    clock.advance(2 * 60_000);
    await api.call(grace, { method: "GET", path: "/payments/charges/c1" });
    expect(asked).toHaveLength(3);
  });

  it("answers a refused AssumeRole as an unreachable service, logs it, and asks STS again next time", async () => {
    const { asked, sent, refusing, logs, api } = setUp();
    refusing.next = true;
    const refused = await api.call(grace, { method: "GET", path: "/payments/charges/c1" });
    expect(refused.status).toBe(503);
    expect(sent).toHaveLength(0);
    expect(logs()).toContain("sts:AssumeRole failed");
    expect(logs()).toContain(ROLES.mx);
    const answered = await api.call(grace, { method: "GET", path: "/payments/charges/c1" });
    expect([answered.status, asked.length, sent.length]).toEqual([200, 2, 1]);
  });

  it("makes a RoleSessionName STS accepts of any operator id", () => {
    expect(roleSessionName("google-oauth2|1234")).toBe("google-oauth2-1234");
    expect(roleSessionName("a")).toBe("a-");
    expect(roleSessionName("x".repeat(80))).toHaveLength(64);
    expect(roleSessionName("ada.lovelace+ops@example.com")).toBe("ada.lovelace+ops@example.com");
  });
});
