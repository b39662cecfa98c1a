import { randomUUID } from "node:crypto";
import type { LocalIssuer } from "../../../platform/adapters/embedded/local-issuer.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { SandboxNotice } from "../../adapters/sandbox/app-store.sandbox.ts";
import type { GoogleOidcIssuerSandbox } from "../../adapters/sandbox/google-oidc-issuer.sandbox.ts";
import type { PubSubPushBody } from "../../adapters/sandbox/play-pubsub-push.builder.ts";
import { appNamed, type StoreApp } from "../../domain/apps.ts";
import { LOCAL_APPS, LOCAL_PUSH } from "./local-apps.ts";
import type { StoreSandboxes } from "./store-sandboxes.local.ts";

export interface CommandContext {
  readonly sandboxes: StoreSandboxes;
  readonly pushIssuer: GoogleOidcIssuerSandbox;
  readonly issuer: LocalIssuer;
  readonly clock: Clock;
  /** The local server, e.g. http://127.0.0.1:3000. */
  readonly server: string;
  /** How requests reach it: `fetch` over HTTP from the CLI; a test passes the runtime's app. */
  readonly send: (request: Request) => Promise<Response>;
}

export interface CommandOptions {
  readonly app?: string | undefined;
  readonly product?: string | undefined;
  readonly periodMs: number;
  readonly user?: string | undefined;
  readonly grace?: boolean | undefined;
  readonly trial?: boolean | undefined;
  /** Apple: the store "fails to deliver" the notification; only the daily replay brings it. */
  readonly undelivered?: boolean | undefined;
}

/** What a command did: the store's id, and how Roster answered the push. */
export interface CommandResult {
  readonly store: "apple" | "google";
  readonly operation: string;
  readonly id?: string | undefined;
  readonly notificationId?: string;
  readonly pushed: { readonly status: number; readonly answer: unknown } | "undelivered";
}

const APPLE_COMMANDS = ["buy", "renew", "fail-renewal", "refund", "expire", "auto-renew", "family", "test"];
const GOOGLE_COMMANDS = [
  "buy",
  "renew",
  "grace",
  "hold",
  "pause",
  "cancel",
  "expire",
  "revoke",
  "upgrade",
  "gone",
  "test",
];
export const STORE_COMMANDS = { apple: APPLE_COMMANDS, google: GOOGLE_COMMANDS } as const;

function appOf(platform: "apple" | "google", name: string | undefined): StoreApp {
  const wanted = name ?? (platform === "apple" ? "ios" : "android");
  const app = appNamed(LOCAL_APPS, wanted, platform);
  if (!app) {
    const known = LOCAL_APPS.filter((a) => a.platform === platform).map((a) => a.name);
    throw new Error(`no ${platform} app is called ${wanted} locally (${known.join(", ")})`);
  }
  return app;
}

/**
 * The account token the app would pass the store at purchase for `user`: Roster's (asked of the
 * running server with the user's token, as an app does) or, for a Braze app, a new Braze external id
 * whose identity is the user (set in the local Braze).
 */
async function accountTokenFor(context: CommandContext, app: StoreApp, user: string): Promise<string> {
  if (app.accountTokens === "braze") {
    const externalId = randomUUID();
    await context.sandboxes.braze.setIdentity(externalId, user);
    return externalId;
  }
  const token = await context.issuer.issue({ kind: "user", id: user }, context.clock.now());
  const response = await context.send(
    new Request(`${context.server}/user/purchase-token`, { headers: { authorization: `Bearer ${token}` } }),
  );
  if (!response.ok) throw new Error(`the server answered ${response.status} for the user's purchase token`);
  return ((await response.json()) as { accountToken: string }).accountToken;
}

export async function appleCommand(
  context: CommandContext,
  command: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<CommandResult> {
  const { appStore } = context.sandboxes;
  const now = context.clock.now();
  const app = appOf("apple", options.app);
  const id = args[0];
  const need = (): string => {
    if (!id) throw new Error(`apple ${command} takes the subscription's originalTransactionId`);
    return id;
  };
  let notice: SandboxNotice;
  if (command === "buy") {
    const appAccountToken = options.user ? await accountTokenFor(context, app, options.user) : undefined;
    notice = await appStore.buy({
      bundleId: app.app,
      productId: options.product ?? "dev.roster.premium.monthly",
      environment: app.environments[0] ?? "sandbox",
      periodMs: options.periodMs,
      now,
      ...(appAccountToken ? { appAccountToken } : {}),
      ...(options.trial ? { freeTrial: true } : {}),
    });
  } else if (command === "renew") notice = await appStore.renew(need(), now);
  else if (command === "fail-renewal")
    notice = await appStore.failRenewal(need(), now, { grace: options.grace === true });
  else if (command === "refund") notice = await appStore.refund(need(), now);
  else if (command === "expire") notice = await appStore.expire(need(), now);
  else if (command === "auto-renew") {
    if (args[1] !== "on" && args[1] !== "off") throw new Error("apple auto-renew takes <id> on|off");
    notice = await appStore.setAutoRenew(need(), args[1] === "on", now);
  } else if (command === "family") notice = await appStore.shareWithFamily(need(), now);
  else if (command === "test")
    notice = await appStore.sendTest(
      { bundleId: app.app, environment: app.environments[0] ?? "sandbox" },
      now,
    );
  else throw new Error(`apple takes ${APPLE_COMMANDS.join(", ")}`);
  const result = { store: "apple" as const, operation: command, id: notice.originalTransactionId };
  if (options.undelivered) {
    await appStore.markUndelivered(notice.notificationUUID);
    return { ...result, notificationId: notice.notificationUUID, pushed: "undelivered" };
  }
  const pushed = await post(context, "/apple/pubsub", notice.body, {});
  return { ...result, notificationId: notice.notificationUUID, pushed };
}

export async function googleCommand(
  context: CommandContext,
  command: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<CommandResult> {
  const { playStore } = context.sandboxes;
  const now = context.clock.now();
  const app = appOf("google", options.app);
  const token = args[0];
  const need = (): string => {
    if (!token) throw new Error(`google ${command} takes the purchase token`);
    return token;
  };
  let outcome: { token?: string; push: PubSubPushBody };
  if (command === "buy") {
    const accountToken = options.user ? await accountTokenFor(context, app, options.user) : undefined;
    outcome = await playStore.buy({
      packageName: app.app,
      productId: options.product ?? "dev.roster.premium",
      periodMs: options.periodMs,
      now,
      ...(accountToken ? { accountToken } : {}),
    });
  } else if (command === "renew") outcome = await playStore.renew(need(), now);
  else if (command === "grace") outcome = await playStore.enterGrace(need(), now);
  else if (command === "hold") outcome = await playStore.hold(need(), now);
  else if (command === "pause") outcome = await playStore.pause(need(), now);
  else if (command === "cancel") outcome = await playStore.cancel(need(), now);
  else if (command === "expire") outcome = await playStore.expire(need(), now);
  else if (command === "revoke") outcome = await playStore.revoke(need(), now);
  else if (command === "upgrade") {
    if (!args[1]) throw new Error("google upgrade takes <token> <new product id>");
    outcome = await playStore.upgrade(need(), args[1], now);
  } else if (command === "gone") {
    await playStore.gone(need());
    return { store: "google", operation: command, id: token, pushed: "undelivered" };
  } else if (command === "test") outcome = { push: playStore.testNotification(app.app, now) };
  else throw new Error(`google takes ${GOOGLE_COMMANDS.join(", ")}`);
  const bearer = await context.pushIssuer.signPushToken(LOCAL_PUSH);
  const pushed = await post(context, "/google/pubsub", outcome.push, {
    authorization: `Bearer ${bearer}`,
  });
  return {
    store: "google",
    operation: command,
    id: outcome.token ?? token,
    notificationId: outcome.push.message.messageId,
    pushed,
  };
}

async function post(context: CommandContext, path: string, body: unknown, headers: Record<string, string>) {
  let response: Response;
  try {
    response = await context.send(
      new Request(`${context.server}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      }),
    );
  } catch {
    throw new Error(`no server answered at ${context.server}: start it with npm start (same PORT)`);
  }
  const text = await response.text();
  return { status: response.status, answer: text ? (JSON.parse(text) as unknown) : null };
}
