import { describe, expect, it } from "vitest";
import { serviceOf } from "../../../src/console/adapters/aws/service-api.routing.ts";
import { randomIds } from "../../../src/platform/time/id-generator.port.ts";
import { appleCommand } from "../../../src/purchases/wiring/local/store-commands.local.ts";
import {
  openPushIssuer,
  openStoreSandboxes,
} from "../../../src/purchases/wiring/local/store-sandboxes.local.ts";
import { serviceRoutes } from "../../../src/runtime/local/route-table.ts";
import { SERVICES } from "../../../src/runtime/local/services.ts";
import { ConsoleBrowser, inputValue, textOf } from "../../support/console-browser.ts";
import { useLocalRuntime } from "../../support/local-runtime.ts";
import { settled } from "../../support/polling.ts";

/**
 * The console in the local process with every service, as an operator's browser uses it: the sign-in
 * through the local issuer's page, the session cookie, CSRF, roles, find, the member page and its
 * actions, each through the services' own APIs.
 */
const local = useLocalRuntime("console", SERVICES);

const app = () => (request: Request) => local.runtime().app.fetch(request);

async function api(method: string, path: string, token: string, body?: unknown, key?: string) {
  const response = await local.runtime().app.fetch(
    new Request(`http://127.0.0.1:3000${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(key ? { "idempotency-key": key } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
  return {
    status: response.status,
    body: (await response.json().catch(() => undefined)) as Record<string, unknown>,
  };
}

const token = (kind: "user" | "service" | "operator", id: string) =>
  local.runtime().platform.issuer.issue({ kind, id, mfa: true }, local.runtime().platform.clock.now());

/** A member who signed up and activated (a debit card, the plus tier): ACTIVE, with their first charge. */
async function activeMember(id: string, first: string, last: string, phone: string) {
  const user = await token("user", id);
  const path = encodeURIComponent(id);
  expect(
    (
      await api("POST", "/users/create", user, {
        user_email: `${first.toLowerCase()}@example.com`,
        user_phone: phone,
        user_first_name: first,
        user_last_name: last,
      })
    ).status,
  ).toBe(201);
  expect(
    (await api("POST", `/payments/users/${path}/payment-methods`, user, { token: "pm_card_visa_debit" }))
      .status,
  ).toBe(201);
  expect((await api("POST", `/${path}/user/activate`, user, { membership_tier: "plus" })).status).toBe(200);
  // The first period's charge comes from the Subscription Service's billing, a moment later.
  const charges = await settled(
    async () => (await api("GET", `/payments/users/${path}/charges`, await token("service", "test"))).body,
    (body) => ((body.items as unknown[] | undefined) ?? []).length > 0,
    10_000,
  );
  expect(charges.items).toHaveLength(1);
}

async function userStatus(id: string): Promise<unknown> {
  return (await api("GET", `/${encodeURIComponent(id)}/user`, await token("service", "test"))).body
    .user_status;
}

const memberPath = (id: string) => `/console/members/${encodeURIComponent(id)}`;

describe("signing in", () => {
  it("sends a visitor to the identity provider and back to the page they asked for, with a session cookie only", async () => {
    const browser = new ConsoleBrowser(app());
    const first = await browser.request("/console?q=ada");
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(
      `/console/login?return=${encodeURIComponent("/console?q=ada")}`,
    );

    const page = await browser.signIn("grace", "/console?q=ada");
    expect(page.url).toBe("http://127.0.0.1:3000/console?q=ada");
    expect(textOf(page.html)).toContain("Grace Liu (mx)");
    const session = browser.setCookies.find((cookie) => cookie.startsWith("__Host-roster-console="));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/Secure/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Path=\//);
    // No token reaches the page: the browser holds an opaque session id and nothing else.
    expect(page.html).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect([...browser.cookies.keys()]).toEqual(["__Host-roster-console"]);
  });

  it("refuses a callback this browser did not start, and a code used twice", async () => {
    const starter = new ConsoleBrowser(app());
    const login = await starter.visit("/console/login");
    const authorize = new URL(login.url);
    const answer = await starter.request(authorize.pathname, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: starter.origin },
      body: new URLSearchParams({
        ...Object.fromEntries(authorize.searchParams),
        operator: "ada",
      }).toString(),
    });
    const callback = answer.headers.get("location") as string;

    const other = new ConsoleBrowser(app());
    const stolen = await other.visit(callback);
    expect(stolen.response.status).toBe(401);
    expect(textOf(stolen.html)).toContain("not started in this browser");
    expect(other.cookies.has("__Host-roster-console")).toBe(false);

    expect((await starter.visit(callback)).response.status).toBe(200);
    const again = new ConsoleBrowser(app());
    again.cookies.set("__Host-roster-console-signin", new URL(callback).searchParams.get("state") as string);
    expect((await again.visit(callback)).response.status).toBe(401);
  });

  it("ends the session on sign-out: the old cookie opens nothing", async () => {
    const browser = new ConsoleBrowser(app());
    const page = await browser.signIn("sam");
    const cookie = browser.cookies.get("__Host-roster-console") as string;
    const out = await browser.submit("/console/logout", { _csrf: inputValue(page.html, "_csrf") as string });
    expect(out.url).toBe("http://127.0.0.1:3000/console/signed-out");
    const replay = new ConsoleBrowser(app());
    replay.cookies.set("__Host-roster-console", cookie);
    expect((await replay.request("/console")).status).toBe(303);
  });
});

describe("finding and acting on a member", () => {
  it("finds a member by the last four digits of their phone, their email, their id and a charge's confirmation id", async () => {
    await activeMember("auth0|ines", "Ines", "Moreau", "(555) 310-4821");
    const browser = new ConsoleBrowser(app());
    await browser.signIn("sam");
    for (const query of ["4821", "ines@example.com", "auth0|ines", "moreau ines"]) {
      const { html } = await browser.visit(`/console?q=${encodeURIComponent(query)}`);
      expect(textOf(html), query).toContain("1 member matches");
      expect(html).toContain(`href="${memberPath("auth0|ines")}"`);
    }
    const charges = await api("GET", "/payments/users/auth0%7Cines/charges", await token("service", "test"));
    const confirmation = (charges.body.items as { confirmation_id: string }[])[0]?.confirmation_id as string;
    const byCharge = await browser.visit(`/console?q=${encodeURIComponent(confirmation)}`);
    expect(textOf(byCharge.html)).toContain(
      "Ines Moreau ines@example.com 5553104821 ACTIVE payment confirmation id",
    );
    const billing = await api(
      "GET",
      "/subscriptions/users/auth0%7Cines/billing",
      await token("service", "test"),
    );
    const subscriptionId = (billing.body.subscriptions as { subscription_id: string }[])[0]
      ?.subscription_id as string;
    const bySubscription = await browser.visit(`/console?q=${encodeURIComponent(subscriptionId)}`);
    expect(textOf(bySubscription.html)).toContain(
      "Ines Moreau ines@example.com 5553104821 ACTIVE subscription id",
    );
    expect(textOf((await browser.visit("/console?q=nobody-at-all")).html)).toContain("No member matches");
  });

  it("shows support the member and no action; a support operator's action is refused and changes nothing", async () => {
    await activeMember("auth0|otto", "Otto", "Lind", "(555) 310-4822");
    const browser = new ConsoleBrowser(app());
    const page = await browser
      .visit(memberPath("auth0|otto"))
      .then(() => browser.signIn("sam", memberPath("auth0|otto")));
    expect(textOf(page.html)).toContain("Your role reads members; it does not change them.");
    expect(page.html).not.toContain("/actions/ban");
    const refused = await browser.submit(`${memberPath("auth0|otto")}/actions/ban`, {
      _csrf: inputValue(page.html, "_csrf") as string,
      reason: "trying",
    });
    expect(refused.response.status).toBe(403);
    expect(textOf(refused.html)).toContain("Ban needs the mx role");
    expect(await userStatus("auth0|otto")).toBe("ACTIVE");
    expect(textOf((await browser.visit(memberPath("auth0|otto"))).html)).toContain(
      "No operator has acted on this member from the console.",
    );
  });

  it("refuses a change without the session's CSRF token or from another origin, and one without a reason", async () => {
    await activeMember("auth0|pia", "Pia", "Sand", "(555) 310-4823");
    const browser = new ConsoleBrowser(app());
    const page = await browser.signIn("grace", memberPath("auth0|pia"));
    const csrf = inputValue(page.html, "_csrf") as string;
    const ban = `${memberPath("auth0|pia")}/actions/ban`;
    expect((await browser.submit(ban, { reason: "fraud" })).response.status).toBe(403);
    expect((await browser.submit(ban, { _csrf: "forged", reason: "fraud" })).response.status).toBe(403);
    expect(
      (await browser.submit(ban, { _csrf: csrf, reason: "fraud" }, { origin: "https://evil.example" }))
        .response.status,
    ).toBe(403);
    const noReason = await browser.submit(ban, { _csrf: csrf, reason: "   " });
    expect(noReason.response.status).toBe(400);
    expect(textOf(noReason.html)).toContain("reason: say why");
    expect(await userStatus("auth0|pia")).toBe("ACTIVE");
  });

  it("bans with a reason: the User Service bans, the timeline and the audit trail show it; a refusal is shown in plain words and kept too", async () => {
    await activeMember("auth0|quinn", "Quinn", "Vale", "(555) 310-4824");
    const browser = new ConsoleBrowser(app());
    const page = await browser.signIn("grace", memberPath("auth0|quinn"));
    const csrf = inputValue(page.html, "_csrf") as string;

    const refused = await browser.submit(`${memberPath("auth0|quinn")}/actions/unban`, {
      _csrf: csrf,
      reason: "by mistake",
    });
    expect(textOf(refused.html)).toMatch(/Lift the ban was refused \(409\): .+\. Nothing changed\./);

    const banned = await browser.submit(`${memberPath("auth0|quinn")}/actions/ban`, {
      _csrf: csrf,
      reason: "chargeback on a stolen card",
    });
    expect(banned.url).toMatch(/\/console\/members\/auth0%7Cquinn\?outcome=/);
    const text = textOf(banned.html);
    expect(text).toContain("Ban: done.");
    expect(text).toMatch(/Membership timeline .*BANNED CANCELLED plus monthly by operator:grace/);
    expect(text).toMatch(/Grace Liu Ban chargeback on a stolen card done/);
    expect(text).toMatch(/Grace Liu Lift the ban by mistake refused 409/);
    // Who wrote each version of the profile: the ban by Grace, the sign-up and activation by the member.
    expect(text).toMatch(/Profile history .* by operator:grace status: ACTIVE → BANNED/);
    expect(text).toMatch(/USER_ACTIVE by user status: PROCESSING → ACTIVE .*USER_CREATED by user/);
    expect(await userStatus("auth0|quinn")).toBe("BANNED");
  });

  it("previews an upgrade's fee before it is made, then upgrades with a reason; the cancel form names the float balance that refuses it", async () => {
    await activeMember("auth0|tess", "Tess", "Ng", "(555) 310-4831");
    await activeMember("auth0|uma-float-owes", "Uma", "Stone", "(555) 310-4832");
    const browser = new ConsoleBrowser(app());
    const page = await browser.signIn("grace", memberPath("auth0|tess"));
    expect(textOf(page.html)).toMatch(
      /No float balance outstanding\. The membership would end on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/,
    );
    expect(page.html).toContain(`action="${memberPath("auth0|tess")}/preview/upgrade"`);

    const preview = await browser.visit(`${memberPath("auth0|tess")}/preview/upgrade?tier=premium`);
    const shown = textOf(preview.html);
    expect(shown).toMatch(/From plus at \$9\.99 a period/);
    expect(shown).toMatch(/To premium at \$19\.99 a period/);
    const fee = /Charged now \$(\d+\.\d{2})/.exec(shown)?.[1];
    expect(Number(fee)).toBeGreaterThan(0);
    expect(shown).toContain("Takes effect now");
    const done = await browser.submit(`${memberPath("auth0|tess")}/actions/upgrade`, {
      _csrf: inputValue(preview.html, "_csrf") as string,
      tier: "premium",
      reason: "asked for premium on the phone",
    });
    expect(textOf(done.html)).toContain("Upgrade: done.");
    const service = await token("service", "test");
    const membership = await api("GET", "/auth0%7Ctess/membership", service);
    expect(membership.body.membership_tier).toBe("premium");
    const charges = (await api("GET", "/payments/users/auth0%7Ctess/charges", service)).body.items as {
      amount_cents: number;
    }[];
    // The fee the preview showed is the fee charged (newest first: the upgrade, then the first period).
    expect(charges[0]?.amount_cents).toBe(Math.round(Number(fee) * 100));

    const wrongWay = await browser.visit(`${memberPath("auth0|tess")}/preview/upgrade?tier=plus`);
    expect(textOf(wrongWay.html)).toContain(
      "The User Service would refuse it: membership_tier plus does not rank above premium",
    );
    expect(wrongWay.html).not.toContain("/actions/upgrade");
    expect(
      (await browser.visit(`${memberPath("auth0|tess")}/preview/upgrade?tier=Not%20a%20tier`)).response
        .status,
    ).toBe(400);

    const owes = await browser.visit(memberPath("auth0|uma-float-owes"));
    expect(textOf(owes.html)).toMatch(
      /Outstanding float balance: \$25\.00 ?\. The cancellation will be refused until it is repaid\./,
    );
  });

  it("refunds a charge for an admin only, and never another member's charge", async () => {
    await activeMember("auth0|rosa", "Rosa", "Beck", "(555) 310-4825");
    await activeMember("auth0|saul", "Saul", "Ng", "(555) 310-4826");
    const service = await token("service", "test");
    const chargeOf = async (id: string) =>
      (
        (await api("GET", `/payments/users/${encodeURIComponent(id)}/charges`, service)).body.items as {
          confirmation_id: string;
          amount_cents: number;
        }[]
      )[0] as { confirmation_id: string; amount_cents: number };
    const rosas = await chargeOf("auth0|rosa");
    const sauls = await chargeOf("auth0|saul");

    const mx = new ConsoleBrowser(app());
    expect((await mx.signIn("grace", memberPath("auth0|rosa"))).html).not.toContain("/actions/refund");

    const admin = new ConsoleBrowser(app());
    const page = await admin.signIn("ada", memberPath("auth0|rosa"));
    const csrf = inputValue(page.html, "_csrf") as string;
    const refund = `${memberPath("auth0|rosa")}/actions/refund`;
    const wrong = await admin.submit(refund, {
      _csrf: csrf,
      confirmation_id: sauls.confirmation_id,
      reason: "goodwill",
    });
    expect(wrong.response.status).toBe(400);
    expect(textOf(wrong.html)).toContain("this member has no such charge");

    const done = await admin.submit(refund, {
      _csrf: csrf,
      confirmation_id: rosas.confirmation_id,
      amount_cents: "300",
      reason: "billed twice by the old app",
    });
    expect(textOf(done.html)).toContain("Refund: done.");
    expect(textOf(done.html)).toMatch(
      /Ada Okafor Refund \(confirmation id .+, amount cents 300\) billed twice by the old app done/,
    );
    const after = (await api("GET", `/payments/charges/${rosas.confirmation_id}`, service)).body;
    expect(after.refunded_cents).toBe(300);
    const saulsAfter = (await api("GET", `/payments/charges/${sauls.confirmation_id}`, service)).body;
    expect(saulsAfter.refunded_cents).toBe(0);
  });
});

describe("in-app purchases on the member page", () => {
  it("finds a member by the App Store's originalTransactionId and revalidates the purchase with the store", async () => {
    const user = await token("user", "auth0|tove");
    expect(
      (await api("POST", "/users/create", user, { user_email: "tove@example.com", user_first_name: "Tove" }))
        .status,
    ).toBe(201);
    const { store, clock, issuer } = local.runtime().platform;
    const sandboxes = await openStoreSandboxes({ dataDir: local.dataDir, store, clock, ids: randomIds });
    const pushIssuer = await openPushIssuer(local.dataDir);
    try {
      const bought = (await appleCommand(
        {
          sandboxes,
          pushIssuer,
          issuer,
          clock,
          server: "http://roster.local",
          send: (request) => Promise.resolve(local.runtime().app.fetch(request)),
        },
        "buy",
        [],
        { periodMs: 30 * 86_400_000, user: "auth0|tove" },
      )) as { id: string };
      const linked = await settled(
        async () => (await api("GET", "/user/subscriptions/auth0%7Ctove", user)).body,
        (body) => ((body.subscriptions as unknown[] | undefined) ?? []).length > 0,
        15_000,
      );
      expect(linked.subscriptions).toHaveLength(1);

      const browser = new ConsoleBrowser(app());
      await browser.signIn("grace");
      const found = await browser.visit(`/console?q=${encodeURIComponent(bought.id)}`);
      expect(textOf(found.html)).toContain("Tove tove@example.com");
      expect(textOf(found.html)).toContain("store purchase id");
      const page = await browser.visit(memberPath("auth0|tove"));
      expect(textOf(page.html)).toMatch(/In-app purchases .*App Store .*ACTIVE yes yes/);
      const revalidated = await browser.submit(`${memberPath("auth0|tove")}/actions/revalidate`, {
        _csrf: inputValue(page.html, "_csrf") as string,
        subscription_id: bought.id,
        reason: "member says the app shows no access",
      });
      expect(textOf(revalidated.html)).toContain("Revalidate with the store: done.");
    } finally {
      await pushIssuer.close();
    }
  });
});

describe("dead letters", () => {
  it("lists what a worker gave up on with why, and redrives it for an admin only", async () => {
    const { channels } = local.runtime().platform;
    const record = {
      kinesis: {
        partitionKey: "auth0|uma",
        sequenceNumber: "000000000000000000777",
        data: Buffer.from(
          JSON.stringify({ event_type: "PaymentDisputeUpdated", payload: { userId: "auth0|uma" } }),
        ).toString("base64"),
      },
    };
    // What a stream mapping does when a record runs out of retries (event-source-mapping.ts).
    channels.deadLetters.add([
      {
        mapping: "users-payment-worker",
        source: "test-payments",
        shard: "shardId-000000000000",
        sequence: "000000000000000000777",
        record,
        reason: "RetryAttemptsExhausted",
        error: "the User Service answered 503",
        attempts: 3,
      },
    ]);
    const support = new ConsoleBrowser(app());
    const seen = await support.signIn("sam", "/console/dead-letters");
    const text = textOf(seen.html);
    expect(text).toContain(
      "users-payment-worker test-payments PaymentDisputeUpdated auth0|uma RetryAttemptsExhausted the User Service answered 503 3",
    );
    expect(text).toContain("Redriving needs the admin role.");
    const [entry] = channels.deadLetters.list("users-payment-worker");
    const refused = await support.submit("/console/dead-letters/redrive", {
      _csrf: inputValue(seen.html, "_csrf") as string,
      id: `stream:${entry?.id}`,
    });
    expect(refused.response.status).toBe(403);
    expect(channels.deadLetters.list("users-payment-worker")[0]?.redriveRequested).toBe(false);

    const admin = new ConsoleBrowser(app());
    const page = await admin.signIn("ada", "/console/dead-letters");
    const redriven = await admin.submit("/console/dead-letters/redrive", {
      _csrf: inputValue(page.html, "_csrf") as string,
      id: `stream:${entry?.id}`,
    });
    expect(textOf(redriven.html)).toContain("Redriven: 1 record sent back to its worker.");
    // The mapping delivers it on its next loop; the test's record names a stream nobody reads, so it stays asked.
    expect(channels.deadLetters.list("users-payment-worker")[0]?.redriveRequested).toBe(true);
    const again = await admin.submit("/console/dead-letters/redrive", {
      _csrf: inputValue(page.html, "_csrf") as string,
      id: "stream:999999",
    });
    expect(again.response.status).toBe(404);

    const cleanup = channels.queueNames.cleanup as { queue: string; deadLetters: string };
    await channels.queues.send(
      cleanup.deadLetters,
      JSON.stringify({ user_id: "auth0|uma", reason: "CLOSEACCOUNT" }),
    );
    const listed = await admin.visit("/console/dead-letters");
    expect(textOf(listed.html)).toContain(`cleanup ${cleanup.deadLetters}`);
    const moved = await admin.submit("/console/dead-letters/redrive", {
      _csrf: inputValue(listed.html, "_csrf") as string,
      id: "queue:cleanup",
    });
    expect(textOf(moved.html)).toContain("Redriven: 1 record");
    expect(channels.queues.list(cleanup.deadLetters)).toHaveLength(0);
  });
});

describe("the catalogue section", () => {
  it("lists every service and message with who produces and consumes it, from the running services' documents", async () => {
    const browser = new ConsoleBrowser(app());
    const { html } = await browser.signIn("sam", "/console/catalogue");
    const text = textOf(html);
    expect(text).not.toContain("Not answering");
    expect(text).toContain(
      "Subscription Service SubscriptionService 0.0.1 Service that handles subscriptions",
    );
    expect(text).toMatch(/PaymentProcessed 1\.0\.0 event payments Payment Service [^|]*Subscription Service/);
    expect(text).toContain("FetchSubscription 1.0.0 command purchases-fetch.fifo Purchases Service");
    expect(text).toContain(
      "Receives over HTTP: SubscribeUser 0.0.1 , CancelSubscription 0.0.1 , GetSubscriptionStatus 0.0.2",
    );
    expect(text).toContain(
      "SubscribeUser 0.0.1 command POST /subscriptions Subscription Service the user themself, services, operators Command that will try and subscribe a given user",
    );
    expect(text).toContain(
      "GetSubscriptionStatus 0.0.2 query GET /subscriptions/{userId}/status Subscription Service",
    );
    const event = await browser.visit("/console/catalogue/events/PaymentProcessed/1.0.0");
    expect(event.response.status).toBe(200);
    const detail = textOf(event.html);
    expect(detail).toContain("Produced by Payment Service");
    expect(detail).toContain('"event_type"');
    expect(detail).toContain("Examples");
    expect((await browser.visit("/console/catalogue/events/PaymentProcessed/9.9.9")).response.status).toBe(
      404,
    );
  });

  it("shows a query's operation, receiver, request and answer with their schemas and examples", async () => {
    const browser = new ConsoleBrowser(app());
    const { html, response } = await browser.signIn(
      "sam",
      "/console/catalogue/requests/GetSubscriptionStatus/0.0.2",
    );
    expect(response.status).toBe(200);
    const text = textOf(html);
    expect(text).toContain("GetSubscriptionStatus 0.0.2");
    expect(text).toContain(
      "Type query Operation GET /subscriptions/{userId}/status Received by Subscription Service",
    );
    expect(text).toContain("Request (its path parameters)");
    expect(text).toContain("Answer (200)");
    expect(text).toContain('"lastPaymentDate"');
    expect(text).toContain('"subscriptionStatus": "active"');
    expect(
      (await browser.visit("/console/catalogue/requests/GetSubscriptionStatus/0.0.1")).response.status,
    ).toBe(404);
  });
});

describe("the dashboard", () => {
  /** The cells of a figure's table row, as the page shows them. */
  const row = (html: string, figure: string, label: string): string[] => {
    const start = html.indexOf(`<figure id="${figure}"`);
    const body = html.slice(start, html.indexOf("</figure>", start));
    const match = new RegExp(`<th scope="row">${label}</th>((?:<td>[^<]*</td>)+)`).exec(body);
    return [...(match?.[1] ?? "").matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1] as string);
  };

  it("draws each service's figures for any operator, the same the services' reports answer", async () => {
    await activeMember("auth0|dana", "Dana", "Reyes", "(555) 310-7711");
    const operator = await token("operator", "sam");
    const reports = async () => ({
      members: (await api("GET", "/users/reports/members?days=7", operator)).body,
      billing: (await api("GET", "/subscriptions/reports/billing?days=7", operator)).body,
      charges: (await api("GET", "/payments/reports/charges?days=7", operator)).body,
    });
    // The usermodel projection follows the users table within moments.
    const expected = await settled(
      reports,
      (r) => Number((r.members.by_status as { ACTIVE: number }).ACTIVE) > 0,
      10_000,
    );

    const browser = new ConsoleBrowser(app());
    const page = await browser.signIn("sam", "/console/dashboard?days=7");
    expect(page.response.status).toBe(200);
    const text = textOf(page.html);
    for (const heading of ["Members", "Subscriptions", "Payments", "In-app purchases"])
      expect(text).toContain(heading);
    expect(page.html).not.toMatch(/class="problem"/);
    const status = expected.members.by_status as Record<string, number>;
    expect(row(page.html, "users-by-status", "ACTIVE")).toEqual([String(status.ACTIVE)]);
    const today = (
      expected.billing.daily as { day: string; active_by_tier: Record<string, number>; new: number }[]
    ).at(-1)!;
    expect(row(page.html, "subscriptions-by-tier", today.day)[0]).toBe(
      String(today.active_by_tier.plus ?? 0),
    );
    expect(today.active_by_tier.plus).toBeGreaterThan(0);
    const charged = (expected.charges.daily as { day: string; charged_cents: Record<string, number> }[]).at(
      -1,
    )!;
    expect(row(page.html, "charged", charged.day)[0]).toBe(
      new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(
        (charged.charged_cents.USD ?? 0) / 100,
      ),
    );
    // Each chart is drawn from the very figures of its table, by the console's own script (no inline script).
    expect(page.html).toMatch(
      /<canvas role="img" aria-labelledby="mrr-title" data-chart="\{&quot;type&quot;:&quot;line&quot;/,
    );
    expect(page.html).toContain('src="/console/assets/chart.umd.min.js"');
    expect((await browser.request("/console/assets/console-charts.js")).status).toBe(200);
    expect((await browser.request("/console/assets/chart.umd.min.js")).status).toBe(200);
  });

  it("offers a week, a month, a quarter and a year, and takes anything else for a month", async () => {
    const browser = new ConsoleBrowser(app());
    const year = await browser.signIn("grace", "/console/dashboard?days=365");
    expect(year.html).toContain('<option value="365" selected>');
    const days = (html: string, figure: string) => {
      const from = html.indexOf(`<figure id="${figure}"`);
      const body = html.slice(from, html.indexOf("</figure>", from));
      return (body.match(/<th scope="row">\d{4}-\d{2}-\d{2}<\/th>/g) ?? []).length;
    };
    expect(days(year.html, "sign-ups")).toBe(365);
    const odd = await browser.visit("/console/dashboard?days=12abc");
    expect(odd.html).toContain('<option value="30" selected>');
    expect([days(odd.html, "sign-ups"), days(odd.html, "mrr"), days(odd.html, "charged")]).toEqual([
      30, 30, 30,
    ]);
  });
});

describe("the console's calls on AWS", () => {
  it("go to the API of the service that answers each route in the local process", () => {
    // The AWS transport picks an API by a path's first segment (service-api.routing.ts); the local process
    // learns the same from the running apps' routes (route-table.ts). Every service route must agree.
    const services = [...local.runtime().running].filter(([name]) => name !== "console");
    expect(services.map(([name]) => name).sort()).toEqual([
      "payments",
      "purchases",
      "subscriptions",
      "users",
    ]);
    for (const [name, service] of services) {
      const routes = serviceRoutes(service.app);
      expect(routes.length, name).toBeGreaterThan(0);
      for (const route of routes) {
        const path = route.path.replace(/\/(:[^/]+|\*)/g, "/x");
        expect(serviceOf(path), `${name}: ${route.method} ${route.path}`).toBe(name);
      }
    }
  });
});
