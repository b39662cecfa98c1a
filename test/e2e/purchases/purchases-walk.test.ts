import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "../../support/json.ts";
import { localApi, userPath } from "../../support/local-api.ts";
import {
  freshLocalEnv,
  type LocalProcess,
  localToken,
  startLocalProcess,
  stopLocalProcess,
} from "../../support/local-process.ts";
import { captureCommandOutput } from "../../support/log-capture.ts";
import { settled } from "../../support/polling.ts";

/**
 * README.md's "In-app purchases" walk as a person runs it, against one local process: Iris buys on
 * iPhone with her account token (`npm run purchases -- apple buy --user`), renews, buys on Android and
 * links it, checks its status, is refunded on iPhone and expires on Android. Each store event is a
 * notification signed as the store signs it and pushed to the server, which verifies it with the
 * vendor's code and fetches the state from the sandboxes' store APIs. Every wait polls with a deadline.
 */

const run = promisify(execFile);
const { dataDir, env } = freshLocalEnv("roster-e2e-purchases-");
const README = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");

const IRIS = "auth0|iris";
const SIGN_UP = { user_email: "iris@example.com", user_first_name: "Iris" };

let local: LocalProcess | undefined;
let iris = "";
const api = localApi(() => local);

/** `npm run -s purchases -- <args>` against the process (its port): the JSON line it printed. */
async function purchasesCli(...args: string[]): Promise<Json> {
  const port = new URL(local?.base ?? "http://127.0.0.1:0").port;
  const { stdout, stderr } = await run("npm", ["run", "-s", "purchases", "--", ...args], {
    env: { ...env, PORT: port },
  });
  captureCommandOutput("purchases-cli", stdout, stderr);
  return JSON.parse(stdout.trim().split("\n").at(-1) as string);
}

async function read(url: string, headers: Record<string, string> = {}): Promise<Json> {
  const res = await fetch(`${local?.base}${url}`, {
    headers: { authorization: `Bearer ${iris}`, ...headers },
  });
  expect(res.status, `GET ${url}`).toBe(200);
  return res.json();
}

async function eventually(what: string, url: string, done: (answer: Json) => boolean): Promise<Json> {
  const answer = await settled(() => read(url), done, 30_000, 150);
  if (done(answer)) return answer;
  throw new Error(`gave up waiting for ${what}: ${JSON.stringify(answer)}\n${local?.output().slice(-3_000)}`);
}

const access = `/user/access/${encodeURIComponent(IRIS)}`;

describe("in-app purchases end to end, as README.md's walk runs them", () => {
  beforeAll(async () => {
    local = await startLocalProcess(env);
    iris = await localToken(env, "--user", IRIS, "--mfa");
  });

  afterAll(async () => {
    await stopLocalProcess(local);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows the commands and requests this test makes", () => {
    const shown = [
      `-d '${JSON.stringify(SIGN_UP)}'`,
      "npm run -s purchases -- apple buy --user 'auth0|iris'",
      'npm run purchases -- apple renew "$APPLE"',
      "npm run -s purchases -- google buy",
      "localhost:3000/google/linkToSubscriptions",
      "localhost:3000/google/subscription/dev.roster.premium/status",
      'npm run purchases -- apple refund "$APPLE"',
      'npm run purchases -- google expire "$GOOGLE"',
      "localhost:3000/user/subscriptions/auth0%7Ciris",
      "localhost:3000/auth0%7Ciris/consents",
    ];
    for (const text of shown) expect(README, `README.md shows ${text}`).toContain(text);
  });

  it("serves its documents beside the other services' on the one port", async () => {
    const all = (await (await fetch(`${local?.base}/openapi.json`)).json()) as Json;
    const own = await fetch(`${local?.base}/openapi/purchases.json`);
    const queues = await fetch(`${local?.base}/purchases/asyncapi.json`);

    expect(Object.keys(all.paths)).toEqual(
      expect.arrayContaining([
        "/users/create",
        "/payments/webhooks/stripe",
        "/apple/pubsub",
        "/user/access/{userId}",
      ]),
    );
    expect([own.status, queues.status]).toEqual([200, 200]);
  });

  it("a purchase, a renewal, a link, a status check, a refund and an expiry", async () => {
    expect((await api("POST", "/users/create", iris, SIGN_UP)).status).toBe(201);

    // A purchase with Iris's account token links itself.
    const bought = await purchasesCli("apple", "buy", "--user", IRIS);
    expect(bought.pushed).toMatchObject({ status: 200, answer: { recorded: true, fetchQueued: true } });
    const apple = `apple:${bought.id}`;
    const first = await eventually("the purchase", access, (a) => a.access === true);
    const firstEnd = first.subscriptions[0].expiresAt;

    // A renewal moves the expiry on.
    await purchasesCli("apple", "renew", bought.id);
    await eventually("the renewal", access, (a) => a.subscriptions[0]?.expiresAt > firstEnd);

    // An Android purchase without the token, linked by hand, then its status.
    const google = await purchasesCli("google", "buy");
    const link = await api("POST", "/google/linkToSubscriptions", iris, {
      platform: "android",
      subscriptions: [{ purchaseToken: google.id, subscriptionId: "dev.roster.premium" }],
    });
    expect(await link.json()).toEqual({ linked: 1, alreadyLinked: 0 });
    const status = await settled(
      () => read("/google/subscription/dev.roster.premium/status", { "Play-Purchase-Token": google.id }),
      (s) => s.state === "ACTIVE",
      30_000,
      150,
    );
    expect(status).toMatchObject({ state: "ACTIVE", access: true });

    // A refund on iPhone, an expiry on Android: no access left.
    await purchasesCli("apple", "refund", bought.id);
    await purchasesCli("google", "expire", google.id);
    const after = await eventually(
      "the refund and the expiry",
      `/user/subscriptions/${encodeURIComponent(IRIS)}`,
      (list) => list.subscriptions?.length === 2 && list.subscriptions.every((s: Json) => s.access === false),
    );
    expect(after.subscriptions.map((s: Json) => [s.platform, s.state]).sort()).toEqual([
      ["apple", "REVOKED"],
      ["google", "EXPIRED"],
    ]);
    expect((await read(access)).access).toBe(false);

    // The User Service recorded both soft opt-ins.
    const consents = await eventually(
      "the soft opt-ins",
      `${userPath(IRIS)}/consents`,
      (c) => (c.items ?? []).length === 2,
    );
    expect(consents.items.map((c: Json) => c.item_id).sort()).toEqual([apple, `google:${google.id}`].sort());
  });
});
