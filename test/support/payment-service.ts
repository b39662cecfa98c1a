import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { buildTestPayments } from "../../src/payments/wiring/test-payments.ts";
import type { LocalIssuer } from "../../src/platform/adapters/embedded/local-issuer.ts";
import type { Clock } from "../../src/platform/time/clock.port.ts";
import { PaymentServiceHttpClient } from "../../src/users/adapters/http/payment-service.http.ts";
import type { PaymentService } from "../../src/users/ports/payment-service.port.ts";
import { migratedPayments } from "../suites/payments/payment-schema-fixtures.ts";
import type { Json } from "./json.ts";

/** A charge as the Payment Service's API lists it (`GET /payments/users/{user_id}/charges`). */
export interface ListedCharge {
  readonly confirmation_id: string;
  readonly status: string;
  readonly amount_cents: number;
  readonly refunded_cents: number;
  readonly currency: string;
  readonly description: string;
  readonly decline_reason?: string;
}

/** One line of `ledger`: a charge (positive cents) or what was refunded of it (negative). */
export interface LedgerLine {
  readonly kind: "CHARGE" | "REFUND";
  readonly confirmationId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly description: string;
}

type Built = ReturnType<typeof buildTestPayments> & { readonly clock: Clock; readonly issuer: LocalIssuer };

/**
 * Roster's real Payment Service for the User Service's tests: one migrated database per test file
 * (emptied by `reset()` between tests), the app with the sandbox gateway built on each test's clock and
 * issuer, and the User Service's own HTTP client calling that app in process, as the local process does.
 * `attachCard` and `charges` go through the Payment Service's API, as a user's app and an operator would.
 */
export async function testPaymentService() {
  const { db, drop } = await migratedPayments(6);
  let built: Built | undefined;
  const current = (): Built => {
    if (!built) throw new Error("no Payment Service yet: pass `forUsers` to buildTestServices first");
    return built;
  };
  const call = async (path: string, init: { method?: string; body?: unknown; token: string }) => {
    const res = await current().app.request(path, {
      method: init.method ?? "GET",
      headers: { "content-type": "application/json", authorization: `Bearer ${init.token}` },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const serviceToken = () => {
    const { issuer, clock } = current();
    return issuer.issue({ kind: "service", id: "test" }, clock.now());
  };
  const userPath = (userId: string) => `/payments/users/${encodeURIComponent(userId)}`;
  const charges = async (userId: string): Promise<ListedCharge[]> => {
    const res = await call(`${userPath(userId)}/charges?limit=100`, { token: await serviceToken() });
    if (res.status !== 200) throw new Error(`listing charges answered ${res.status}`);
    return (res.body.items as ListedCharge[]).reverse();
  };

  return {
    /** For `buildTestServices({ payments })`: the Payment Service on the test's clock and issuer. */
    forUsers(parts: { readonly clock: Clock; readonly issuer: LocalIssuer }): PaymentService {
      built = { ...buildTestPayments({ db, ...parts }), ...parts };
      const app = built.app;
      return new PaymentServiceHttpClient({
        baseUrl: "http://roster.test/payments/",
        bearer: () => parts.issuer.issue({ kind: "service", id: "user-service" }, parts.clock.now()),
        send: async (request) => app.fetch(request),
        timeoutMs: 5_000,
        clock: parts.clock,
        logger: { warn: () => {} },
      });
    },
    /** The app the current test's User Service calls, and its sandbox gateway. */
    current,
    /** Attaches a Stripe test card (default: Visa debit 4000 0566 5566 5556) as the user's app would. */
    async attachCard(userId: string, token = "pm_card_visa_debit") {
      const res = await call(`${userPath(userId)}/payment-methods`, {
        method: "POST",
        body: { token },
        token: await serviceToken(),
      });
      if (res.status !== 201) throw new Error(`attaching ${token} answered ${res.status}`);
      return res.body;
    },
    /** The user's charges, oldest first, as the Payment Service's API lists them. */
    charges,
    /**
     * The money the Payment Service moved for the user, oldest first: a CHARGE line per collected
     * charge, followed by a REFUND line (negative) of what was refunded of it. Declined charges and
     * charges whose outcome is not known yet moved nothing.
     */
    async ledger(userId: string): Promise<LedgerLine[]> {
      return (await charges(userId)).flatMap((c): LedgerLine[] => {
        if (c.status === "FAILED" || c.status === "INITIATED") return [];
        const line = { confirmationId: c.confirmation_id, currency: c.currency, description: c.description };
        const charged: LedgerLine = { kind: "CHARGE", amountCents: c.amount_cents, ...line };
        if (c.refunded_cents === 0) return [charged];
        return [charged, { kind: "REFUND", amountCents: -c.refunded_cents, ...line }];
      });
    },
    /** What the sandbox gateway's books say it charged the user (money really moved, outcome known or not). */
    async gatewayCharges(userId: string) {
      const { gateway } = current();
      return gateway.chargesOf((await gateway.customer(userId)).ref);
    },
    /** Empties every table, so the next test starts on a Payment Service with no customers. */
    async reset() {
      await sql`truncate customers, payment_methods, charges, refunds, disputes, gateway_events, outbox_users, outbox restart identity cascade`.execute(
        db,
      );
    },
    close: drop,
  };
}

export type TestPaymentService = Awaited<ReturnType<typeof testPaymentService>>;

/**
 * The real Payment Service for every test of the enclosing file or `describe`: started before them,
 * emptied before each, dropped after them. Call it before the `beforeEach` that builds the test services.
 */
export function usePaymentService(): TestPaymentService {
  let service: TestPaymentService | undefined;
  beforeAll(async () => {
    service = await testPaymentService();
  });
  afterAll(async () => {
    await service?.close();
  });
  beforeEach(async () => {
    await service?.reset();
  });
  const started = (): TestPaymentService => {
    if (!service) throw new Error("the Payment Service starts in beforeAll: use it inside tests and hooks");
    return service;
  };
  return {
    forUsers: (parts) => started().forUsers(parts),
    current: () => started().current(),
    attachCard: (userId, token) => started().attachCard(userId, token),
    charges: (userId) => started().charges(userId),
    ledger: (userId) => started().ledger(userId),
    gatewayCharges: (userId) => started().gatewayCharges(userId),
    reset: () => started().reset(),
    close: () => started().close(),
  };
}
