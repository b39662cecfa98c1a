import { createPublicKey, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { NotificationHistoryRequest } from "@apple/app-store-server-library";
import { jwtVerify } from "jose";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { lastTransactionItem } from "./app-store-sandbox.payloads.ts";
import type { AppStoreSandboxState, SandboxSubscription } from "./app-store-sandbox.state.ts";
import type { AppleJwsSigner } from "./apple-jws.signer.ts";

export interface AppStoreServerLoopbackOptions {
  readonly state: AppStoreSandboxState;
  readonly signer: AppleJwsSigner;
  /** The signedDate of what it answers: the local clock. */
  readonly clock: Clock;
  /** The In-App Purchase key the bearer token must be signed with: its id, issuer and public key. */
  readonly keyId: string;
  readonly issuerId: string;
  readonly publicKey: KeyObject | string;
  /** Apple pages the history by 20. */
  readonly historyPageSize?: number;
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
}

const SUBSCRIPTIONS = /^\/inApps\/v1\/subscriptions\/([^/?]+)$/;
const NOT_FOUND = { errorCode: 4040010, errorMessage: "Transaction id not found." };

/**
 * The App Store Server API's calls Roster makes, answered on 127.0.0.1 from the sandbox's state (read on
 * every request, so a change the CLI makes shows at once): subscription statuses and the notification
 * history. A request without a bearer token signed ES256 by the configured key (kid, iss, aud
 * `appstoreconnect-v1`, `bid`) gets 401, as at Apple. Token times are checked against the system time:
 * Apple's client stamps them with it, not with the local clock.
 */
export class AppStoreServerLoopback {
  readonly #server: Server;
  readonly #options: AppStoreServerLoopbackOptions;
  readonly #publicKey: KeyObject;
  #failures: { status: number; left: number; transactionId?: string } | undefined;

  private constructor(server: Server, options: AppStoreServerLoopbackOptions) {
    this.#server = server;
    this.#options = options;
    this.#publicKey =
      typeof options.publicKey === "string" ? createPublicKey(options.publicKey) : options.publicKey;
  }

  static async start(options: AppStoreServerLoopbackOptions, port = 0): Promise<AppStoreServerLoopback> {
    const server = createServer();
    const loopback = new AppStoreServerLoopback(server, options);
    server.on("request", (req, res) => {
      loopback.#handle(req).then(
        (reply) => send(res, reply),
        () =>
          send(res, {
            status: 500,
            body: { errorCode: 5000000, errorMessage: "An unknown error occurred." },
          }),
      );
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    return loopback;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /**
   * The next `times` requests are answered `status` (a 5xx, 429): for retry tests. With `transactionId`,
   * only requests whose path names it (its subscription's statuses), so a test of requests made side
   * by side knows which one fails.
   */
  failNext(status: number, times = 1, transactionId?: string): void {
    this.#failures = { status, left: times, ...(transactionId ? { transactionId } : {}) };
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage): Promise<Reply> {
    const body = await bodyOf(req);
    if (this.#failures && this.#failures.left > 0 && this.#failureApplies(req)) {
      this.#failures.left -= 1;
      return {
        status: this.#failures.status,
        body: { errorCode: this.#failures.status * 10_000, errorMessage: "Injected failure." },
      };
    }
    const bundleId = await this.#authorised(req.headers.authorization);
    if (!bundleId) return { status: 401 };
    const url = new URL(req.url ?? "/", "http://loopback");
    const subscription = SUBSCRIPTIONS.exec(url.pathname);
    if (req.method === "GET" && subscription)
      return this.#statuses(decodeURIComponent(subscription[1] as string), bundleId);
    if (req.method === "POST" && url.pathname === "/inApps/v1/notifications/history")
      return this.#history(bundleId, JSON.parse(body || "{}"), url.searchParams.get("paginationToken"));
    return { status: 404, body: { errorCode: 4040000, errorMessage: "Not found." } };
  }

  #failureApplies(req: IncomingMessage): boolean {
    const only = this.#failures?.transactionId;
    if (only === undefined) return true;
    const subscription = SUBSCRIPTIONS.exec(new URL(req.url ?? "/", "http://loopback").pathname);
    return subscription !== null && decodeURIComponent(subscription[1] as string) === only;
  }

  /** The `bid` of a good bearer token, else undefined. */
  async #authorised(authorization: string | undefined): Promise<string | undefined> {
    const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
    if (!token) return undefined;
    try {
      const { payload, protectedHeader } = await jwtVerify(token, this.#publicKey, {
        algorithms: ["ES256"],
        issuer: this.#options.issuerId,
        audience: "appstoreconnect-v1",
      });
      if (protectedHeader.kid !== this.#options.keyId || typeof payload.bid !== "string") return undefined;
      return payload.bid;
    } catch {
      return undefined;
    }
  }

  /** The subscription's family: the purchaser's entry and every family member's, in one group. */
  async #statuses(id: string, bundleId: string): Promise<Reply> {
    const { state, signer, clock } = this.#options;
    const asked = await state.get(id);
    if (!asked || asked.bundleId !== bundleId) return { status: 404, body: NOT_FOUND };
    const purchaser = (asked.sharedFrom && (await state.get(asked.sharedFrom))) || asked;
    const members = await Promise.all(purchaser.familyMembers.map((member) => state.get(member)));
    const entries = [purchaser, ...members].filter((e): e is SandboxSubscription => e !== undefined);
    const now = clock.now();
    return {
      status: 200,
      body: {
        environment: asked.environment,
        bundleId: asked.bundleId,
        ...(asked.appAppleId !== undefined ? { appAppleId: asked.appAppleId } : {}),
        data: [
          {
            subscriptionGroupIdentifier: asked.subscriptionGroupIdentifier,
            lastTransactions: await Promise.all(
              entries.map((entry) => lastTransactionItem(signer, entry, now)),
            ),
          },
        ],
      },
    };
  }

  async #history(
    bundleId: string,
    request: NotificationHistoryRequest,
    token: string | null,
  ): Promise<Reply> {
    const offset = token === null ? 0 : offsetOf(token);
    if (offset === undefined)
      return { status: 400, body: { errorCode: 4000014, errorMessage: "Invalid pagination token error." } };
    const { startDate = 0, endDate = Number.MAX_SAFE_INTEGER } = request;
    const matching = (await this.#options.state.notifications()).filter(
      (n) =>
        n.bundleId === bundleId &&
        n.sentAt >= startDate &&
        n.sentAt < endDate &&
        (!request.onlyFailures || n.failed) &&
        (!request.transactionId || n.originalTransactionId === request.transactionId),
    );
    const size = this.#options.historyPageSize ?? 20;
    const page = matching.slice(offset, offset + size);
    const hasMore = offset + size < matching.length;
    return {
      status: 200,
      body: {
        notificationHistory: page.map((n) => ({
          signedPayload: n.signedPayload,
          sendAttempts: [{ attemptDate: n.sentAt, sendAttemptResult: n.failed ? "NO_RESPONSE" : "SUCCESS" }],
        })),
        hasMore,
        ...(hasMore ? { paginationToken: Buffer.from(String(offset + size)).toString("base64url") } : {}),
      },
    };
  }
}

function offsetOf(token: string): number | undefined {
  const offset = Number(Buffer.from(token, "base64url").toString("utf8"));
  return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { "content-type": "application/json" });
  res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
}
