import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_MISSING, CHROMIUM_PATH, chromiumTests } from "../../support/chromium.ts";
import { attachTestCard, localApi, userPath } from "../../support/local-api.ts";
import {
  freshLocalEnv,
  type LocalProcess,
  localClockCli,
  localToken,
  startLocalProcess,
  stopLocalProcess,
} from "../../support/local-process.ts";
import { settled } from "../../support/polling.ts";

/**
 * The console's main journeys in Debian's Chromium against `npm start`'s process: an operator signs in
 * on the local issuer's page, finds members, bans one with a reason and sees the timeline, the audit
 * trail and the `users` stream show it, refunds a charge, and pauses a member whose next payment is
 * skipped once the local clock passes the period's end. Every page is scanned with axe-core; no
 * serious or critical violation may remain. Screenshots go to CONSOLE_SCREENSHOTS (`npm run
 * screenshots` writes README's into docs/screenshots/) or to the test's data folder.
 */

const browserTests = chromiumTests();
const { dataDir, env } = freshLocalEnv("roster-e2e-console-");
const shots = resolve(process.env.CONSOLE_SCREENSHOTS ?? join(dataDir, "screenshots"));
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let local: LocalProcess | undefined;
let browser: Browser | undefined;
const api = localApi(() => local);
const base = () => local?.base as string;

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: { readonly target: unknown[] }[];
}
const scans: { page: string; violations: Violation[]; others: number; passes: number }[] = [];

/** axe-core's WCAG 2.x A/AA rules on the page as it stands; the serious and critical ones are returned. */
async function accessibility(page: Page, name: string): Promise<Violation[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern:
  // the policy stays as the console sends it.
  await page.evaluate(AXE);
  const { violations, passes } = (await page.evaluate(
    `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
      .then((result) => ({ violations: result.violations, passes: result.passes.length }))`,
  )) as { violations: Violation[]; passes: number };
  // The scan ran its rules on this page (a page axe could not read would pass nothing).
  expect(passes).toBeGreaterThan(5);
  const serious = violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  scans.push({ page: name, violations: serious, others: violations.length - serious.length, passes });
  return serious;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function member(id: string, first: string, last: string, phone: string): Promise<void> {
  const token = await localToken(env, "--user", id, "--mfa");
  const created = await api("POST", "/users/create", token, {
    user_email: `${first.toLowerCase()}@example.com`,
    user_phone: phone,
    user_first_name: first,
    user_last_name: last,
  });
  expect(created.status).toBe(201);
  await attachTestCard(api, id, token);
  expect(
    (await api("POST", `${userPath(id)}/user/activate`, token, { membership_tier: "plus" })).status,
  ).toBe(200);
  const service = await localToken(env, "--service", "e2e");
  const charges = await settled(
    async () =>
      (await (await api("GET", `/payments/users/${encodeURIComponent(id)}/charges`, service)).json()) as {
        items: unknown[];
      },
    (page) => page.items.length > 0,
    15_000,
  );
  expect(charges.items).toHaveLength(1);
}

async function signedIn(operator: string, path = "/console"): Promise<Page> {
  const page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base()}${path}`);
  await page.getByLabel(new RegExp(operator)).check();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base()}${path}`);
  return page;
}

async function act(
  page: Page,
  action: string,
  reason: string,
  fill?: (form: ReturnType<Page["locator"]>) => Promise<void>,
) {
  const form = page.locator(`form[action$="/actions/${action}"]`).first();
  await page.locator("details", { has: form }).locator("summary").click();
  if (fill) await fill(form);
  await form.getByLabel("Reason").fill(reason);
  await form.locator('button[type="submit"]').click();
  await page.waitForURL(/\?outcome=/);
}

describe.skipIf(!browserTests.run)(`the operator console in Chromium ${browserTests.title}`, () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    local = await startLocalProcess(env);
    browser = await chromium
      .launch({ executablePath: CHROMIUM_PATH, headless: true })
      .catch((error: unknown) => {
        throw new Error(`${CHROMIUM_MISSING}, and CI=true requires it: ${String(error)}`);
      });
    await member("auth0|ada", "Ada", "Byron", "(555) 610-2231");
    await member("auth0|bo", "Bo", "Chen", "(555) 610-2232");
    await member("auth0|cy", "Cy", "Dunn", "(555) 610-2233");
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopLocalProcess(local);
    if (!process.env.CONSOLE_SCREENSHOTS) rmSync(dataDir, { recursive: true, force: true });
  });

  it("prints the console's URL and how to sign in when it starts", () => {
    expect(local?.output()).toMatch(
      /Console\s+http:\/\/127\.0\.0\.1:\d+\/console\s+\(sign in as ada \(admin\), grace \(mx\) or sam \(support\)\)/,
    );
  });

  it("signs in on the local issuer's page, keeping no token in the page's storage", async () => {
    const page = await (browser as Browser).newPage();
    await page.goto(`${base()}/console`);
    expect(page.url()).toContain("/local/oidc/authorize?");
    expect(await accessibility(page, "sign-in")).toEqual([]);
    await shot(page, "console-sign-in");
    await page.getByLabel(/Grace Liu/).check();
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base()}/console`);
    await expect(page.getByText("Grace Liu (mx)").isVisible()).resolves.toBe(true);
    const storage = (await page.evaluate(
      "JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookies: document.cookie })",
    )) as string;
    const cookies = await page.context().cookies();
    expect(cookies.map((cookie) => [cookie.name, cookie.httpOnly, cookie.secure, cookie.sameSite])).toEqual([
      ["__Host-roster-console", true, true, "Lax"],
    ]);
    // htmx keeps the current path in sessionStorage; no token, session id or cookie is readable by a script.
    expect(JSON.parse(storage).cookies).toBe("");
    expect(storage).not.toMatch(/eyJ[\w-]+\./);
    expect(storage).not.toContain(cookies[0]?.value);
    await page.close();
  });

  it("finds a member by the last four digits, bans her with a reason, and shows it in the timeline, the audit trail and the users stream", async () => {
    const page = await signedIn("Ada Okafor");
    await page.getByLabel(/Name, email, phone/).fill("2231");
    await page.getByRole("button", { name: "Find" }).click();
    await page.getByRole("link", { name: "Ada Byron" }).waitFor();
    expect(await accessibility(page, "find")).toEqual([]);
    await shot(page, "console-find");
    await page.getByRole("link", { name: "Ada Byron" }).click();
    await page.getByRole("heading", { name: "Ada Byron" }).waitFor();

    await act(page, "ban", "chargeback on a card reported stolen");
    await page.getByText("Ban: done.").waitFor();
    const timeline = page.locator("section", {
      has: page.getByRole("heading", { name: "Membership timeline" }),
    });
    await timeline.getByText("BANNED").first().waitFor();
    expect(await timeline.innerText()).toMatch(/BANNED\s+CANCELLED\s+plus monthly by operator:ada/);
    const audit = page.locator("section", { has: page.getByRole("heading", { name: "Audit trail" }) });
    expect(await audit.innerText()).toMatch(/Ada Okafor\s+Ban\s+chargeback on a card reported stolen\s+done/);
    expect(await accessibility(page, "member")).toEqual([]);
    await shot(page, "console-member");

    await page.getByRole("link", { name: "Streams" }).click();
    await page.getByLabel("Member (user id)").fill("auth0|ada");
    await page.getByLabel("Event type contains").fill("banned");
    await page.getByRole("button", { name: "Show" }).click();
    // The feeder publishes from the table's change feed a moment after the change: the tail catches up.
    await page
      .locator("#stream-rows tr", { hasText: "users" })
      .filter({ hasText: "BANNED" })
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await accessibility(page, "streams")).toEqual([]);
    await shot(page, "console-streams");
    await page.close();
  }, 90_000);

  it("refunds part of a member's charge as an admin", async () => {
    const page = await signedIn("Ada Okafor", `/console/members/${encodeURIComponent("auth0|bo")}`);
    const charges = page.locator("section", {
      has: page.getByRole("heading", { name: "Charges and refunds" }),
    });
    const row = charges.locator("tbody tr").first();
    expect(await row.innerText()).toMatch(/\$9\.99\s+CONFIRMED\s+\$0\.00/);
    await act(page, "refund", "charged after asking to cancel", async (form) => {
      await form.getByLabel(/Amount in cents/).fill("499");
    });
    await page.getByText("Refund: done.").waitFor();
    expect(await charges.locator("tbody tr").first().innerText()).toMatch(/\$9\.99\s+CONFIRMED\s+\$4\.99/);
    await page.close();
  });

  it("pauses a member, and after the local clock passes the period's end the payment is skipped", async () => {
    const page = await signedIn("Grace Liu", `/console/members/${encodeURIComponent("auth0|cy")}`);
    await act(page, "pause", "travelling for work until spring", async (form) => {
      await form.getByLabel("Months to skip").fill("1");
    });
    await page.getByText("Pause: done.").waitFor();
    expect(
      await page
        .locator("section", { has: page.getByRole("heading", { name: "Membership timeline" }) })
        .innerText(),
    ).toContain("SUB_PENDING_PAUSE");
    const moved = await localClockCli({ ...env, PORT: new URL(base()).port }, "advance", "32d");
    expect(moved.code, moved.stderr).toBe(0);
    // A month passed for the console too: the session ended, and Grace signs in again.
    await page.goto(`${base()}/console/members/${encodeURIComponent("auth0|cy")}`);
    expect(page.url()).toContain("/local/oidc/authorize?");
    await page.getByLabel(/Grace Liu/).check();
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base()}/console/members/${encodeURIComponent("auth0|cy")}`);
    const records = async () => {
      await page.reload();
      return page
        .locator("section", { has: page.getByRole("heading", { name: "Stream records" }) })
        .innerText();
    };
    const text = await settled(records, (seen) => seen.includes("pause-skipped"), 30_000, 1_000);
    expect(text).toContain("SubscriptionUpdated pause-skipped");
    const charges = page.locator("section", {
      has: page.getByRole("heading", { name: "Charges and refunds" }),
    });
    expect(await charges.locator("tbody tr").count()).toBe(1);
    await shot(page, "console-member-paused");
    await page.close();
  }, 120_000);

  it("fits a phone's screen: the member page scrolls down, never sideways, and passes the same scan", async () => {
    const page = await (browser as Browser).newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    await page.goto(`${base()}/console/members/${encodeURIComponent("auth0|bo")}`);
    await page.getByLabel(/Sam Rivera/).check();
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Bo Chen" }).waitFor();
    const widths = (await page.evaluate(
      "({ page: document.documentElement.scrollWidth, screen: innerWidth })",
    )) as {
      page: number;
      screen: number;
    };
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    expect(await accessibility(page, "member on a phone")).toEqual([]);
    await shot(page, "console-member-phone");
    await page.close();
  });

  it("draws the dashboard's charts from its tables, and the dead letters, catalogue and upgrade preview pages pass the scan", async () => {
    const page = await signedIn("Ada Okafor", "/console/dashboard?days=90");
    await page.getByRole("heading", { name: "Dashboard", level: 1 }).waitFor();
    // Every canvas was drawn by Chart.js, from the figures its table holds.
    const drawn = (await page.evaluate(
      `[...document.querySelectorAll("canvas[data-chart]")].map((c) => ({ id: c.closest("figure").id, chart: Boolean(window.Chart && window.Chart.getChart(c)), points: window.Chart.getChart(c)?.data.labels.length ?? 0 }))`,
    )) as { id: string; chart: boolean; points: number }[];
    expect(drawn.map((d) => d.id)).toEqual([
      "users-by-status",
      "sign-ups",
      "subscriptions-by-tier",
      "new-and-cancelled",
      "mrr",
      "pauses",
      "recovery",
      "charged",
      "charge-outcomes",
      "purchases-by-store",
      "purchases-per-day",
    ]);
    expect(drawn.filter((d) => !d.chart)).toEqual([]);
    expect(drawn.find((d) => d.id === "mrr")?.points).toBe(90);
    const pauses = page.locator("figure#pauses");
    await pauses.locator("summary").click();
    expect(await pauses.getByRole("row", { name: /Payments skipped/ }).innerText()).toMatch(
      /Payments skipped\s+1/,
    );
    expect(await accessibility(page, "dashboard")).toEqual([]);
    await shot(page, "console-dashboard");
    for (const [path, name] of [
      ["/console/dead-letters", "dead letters"],
      ["/console/catalogue", "catalogue"],
      [`/console/members/${encodeURIComponent("auth0|bo")}/preview/upgrade?tier=premium`, "upgrade preview"],
    ] as const) {
      await page.goto(`${base()}${path}`);
      expect(await accessibility(page, name)).toEqual([]);
    }
    await page.close();
  }, 60_000);

  it("leaves no serious or critical accessibility violation on any page it scanned", () => {
    expect(scans.map((scan) => scan.page)).toEqual([
      "sign-in",
      "find",
      "member",
      "streams",
      "member on a phone",
      "dashboard",
      "dead letters",
      "catalogue",
      "upgrade preview",
    ]);
    console.info(
      `axe-core: ${scans.map((scan) => `${scan.page} ${scan.passes} rules passed, ${scan.violations.length} serious or critical, ${scan.others} moderate or minor`).join("; ")}`,
    );
    expect(
      scans.flatMap((scan) => scan.violations.map((v) => `${scan.page}: ${v.id} (${v.impact}) ${v.help}`)),
    ).toEqual([]);
  });
});
