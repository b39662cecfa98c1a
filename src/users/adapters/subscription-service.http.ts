import {
  SignedJsonClient,
  type SignedJsonClientOptions,
  userPath,
} from "../../platform/adapters/http/signed-json.client.ts";
import type {
  BillingPeriod,
  Idempotent,
  Subscription,
  SubscriptionActivation,
  SubscriptionCancellation,
  SubscriptionDowngrade,
  SubscriptionPause,
  SubscriptionService,
  SubscriptionTierChange,
} from "../ports/subscription-service.port.ts";
import {
  BillingPeriodAnswer,
  periodFromWire,
  SubscriptionAnswer,
  subscriptionFromWire,
} from "./subscription-service.wire.ts";

export type SubscriptionServiceHttpOptions = SignedJsonClientOptions;

/**
 * The production client of the Subscription Service: an internal REST API behind API Gateway with IAM
 * authorization, every request SigV4-signed (`execute-api`). The contract assumed (paths relative to the
 * base URL, `{user_id}` percent-encoded; every POST carries an `idempotency-key` header, and a repeated
 * key answers the first call's status and body without a second effect):
 *
 * | call | request | answer |
 * |---|---|---|
 * | activate | `POST users/{user_id}/subscription` `{ tier, tier_version, term, price_cents, currency }` | 201 subscription |
 * | reactivate | `POST users/{user_id}/subscription/reactivate` (same body) | 200 subscription |
 * | pause | `POST users/{user_id}/subscription/pause` `{ months, first_skipped_payment }` | 200 subscription |
 * | resume | `POST users/{user_id}/subscription/resume` `{}` | 200 subscription |
 * | upgrade | `POST users/{user_id}/subscription/upgrade` `{ tier, tier_version, price_cents }` | 200 subscription |
 * | downgrade | `POST users/{user_id}/subscription/downgrade` `{ tier, tier_version, price_cents, effective }` | 200 subscription |
 * | cancel | `POST users/{user_id}/subscription/cancel` `{ effective: "now" \| "period_end", reason }` | 200 subscription |
 * | currentPeriod | `GET users/{user_id}/subscription/current-period` | 200 period |
 *
 * A period is `{ start, end, price_cents, currency, term: MONTHLY | ANNUAL, tier, tier_version }`; a
 * subscription `{ subscription_id, status: ACTIVE | PAUSED | CANCELLED, period, pause?: { months,
 * first_skipped_payment }, pending_downgrade?: { tier, tier_version, price_cents, effective }, cancel_at? }`
 * (subscription-service.wire.ts). Failures: no answer within `timeoutMs`, no connection, 429, 503 or 504
 * -> UnavailableError (503); any other status or a body outside the contract -> DependencyError (502).
 * Neither repeats the service's answer, and nothing but the operation and status is logged.
 */
export class SubscriptionServiceHttpClient implements SubscriptionService {
  readonly #http: SignedJsonClient;

  constructor(options: SubscriptionServiceHttpOptions) {
    this.#http = new SignedJsonClient("the Subscription Service", options);
  }

  activate(userId: string, input: SubscriptionActivation): Promise<Subscription> {
    return this.#post("activate", userId, undefined, 201, input, activationBody(input));
  }

  reactivate(userId: string, input: SubscriptionActivation): Promise<Subscription> {
    return this.#post("reactivate", userId, "reactivate", 200, input, activationBody(input));
  }

  pause(userId: string, input: SubscriptionPause): Promise<Subscription> {
    const body = { months: input.months, first_skipped_payment: input.firstSkippedPayment };
    return this.#post("pause", userId, "pause", 200, input, body);
  }

  resume(userId: string, input: Idempotent): Promise<Subscription> {
    return this.#post("resume", userId, "resume", 200, input, {});
  }

  upgrade(userId: string, input: SubscriptionTierChange): Promise<Subscription> {
    return this.#post("upgrade", userId, "upgrade", 200, input, tierBody(input));
  }

  downgrade(userId: string, input: SubscriptionDowngrade): Promise<Subscription> {
    const body = { ...tierBody(input), effective: input.effective };
    return this.#post("downgrade", userId, "downgrade", 200, input, body);
  }

  cancel(userId: string, input: SubscriptionCancellation): Promise<Subscription> {
    const body = { effective: input.effective, reason: input.reason };
    return this.#post("cancel", userId, "cancel", 200, input, body);
  }

  async currentPeriod(userId: string): Promise<BillingPeriod> {
    const answer = await this.#http.call({
      operation: "currentPeriod",
      method: "GET",
      path: userPath(userId, "subscription", "current-period"),
      expected: 200,
      schema: BillingPeriodAnswer,
    });
    return periodFromWire(answer);
  }

  async #post(
    operation: string,
    userId: string,
    action: string | undefined,
    expected: number,
    input: Idempotent,
    payload: object,
  ): Promise<Subscription> {
    const answer = await this.#http.call({
      operation,
      method: "POST",
      path:
        action === undefined ? userPath(userId, "subscription") : userPath(userId, "subscription", action),
      expected,
      schema: SubscriptionAnswer,
      payload,
      idempotencyKey: input.idempotencyKey,
    });
    return subscriptionFromWire(answer);
  }
}

function activationBody(input: SubscriptionActivation) {
  const { tier, tierVersion, term, priceCents, currency } = input;
  return { tier, tier_version: tierVersion, term, price_cents: priceCents, currency };
}

function tierBody(input: SubscriptionTierChange) {
  return { tier: input.tier, tier_version: input.tierVersion, price_cents: input.priceCents };
}
