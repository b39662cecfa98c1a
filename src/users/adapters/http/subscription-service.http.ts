import {
  type ActivationBody,
  BillingPeriodAnswer,
  type CancelBody,
  type DowngradeBody,
  NO_SUBSCRIPTION_CODE,
  type PauseBody,
  type ResumeBody,
  SUBSCRIPTION_PATHS,
  type SubscriptionAction,
  SubscriptionAnswer,
  type TierChangeBody,
} from "../../../contracts/subscriptions/subscriptions.http.ts";
import type { OutboundAnswer } from "../../../platform/adapters/http/outbound-http.ts";
import {
  SignedJsonClient,
  type SignedJsonClientOptions,
} from "../../../platform/adapters/http/signed-json.client.ts";
import { NoSubscriptionError } from "../../domain/subscription.errors.ts";
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
} from "../../ports/subscription-service.port.ts";
import { periodFromWire, subscriptionFromWire } from "./subscription-service.mapper.ts";

export type SubscriptionServiceHttpOptions = SignedJsonClientOptions;

/**
 * The production client of the Subscription Service: an internal REST API behind API Gateway with IAM
 * authorization, every request SigV4-signed (`execute-api`), speaking the Subscription Service's
 * contract (`contracts/subscriptions/subscriptions.http.ts`: paths, bodies, idempotency keys). Failures: no answer within `timeoutMs`, no connection, 429, 503 or 504
 * -> UnavailableError (503); 404 `NO_SUBSCRIPTION` (a member it bills nothing for) -> NoSubscriptionError
 * (409); any other status or a body outside the contract -> DependencyError (502).
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
    const body: PauseBody = { months: input.months, first_skipped_payment: input.firstSkippedPayment };
    return this.#post("pause", userId, "pause", 200, input, body);
  }

  resume(userId: string, input: Idempotent): Promise<Subscription> {
    return this.#post("resume", userId, "resume", 200, input, {} satisfies ResumeBody);
  }

  upgrade(userId: string, input: SubscriptionTierChange): Promise<Subscription> {
    return this.#post("upgrade", userId, "upgrade", 200, input, tierBody(input));
  }

  downgrade(userId: string, input: SubscriptionDowngrade): Promise<Subscription> {
    const body: DowngradeBody = { ...tierBody(input), effective: input.effective };
    return this.#post("downgrade", userId, "downgrade", 200, input, body);
  }

  cancel(userId: string, input: SubscriptionCancellation): Promise<Subscription> {
    const body: CancelBody = { effective: input.effective, reason: input.reason };
    return this.#post("cancel", userId, "cancel", 200, input, body);
  }

  async currentPeriod(userId: string): Promise<BillingPeriod> {
    const answer = await this.#http.call({
      operation: "currentPeriod",
      method: "GET",
      path: SUBSCRIPTION_PATHS.currentPeriod(userId),
      expected: 200,
      schema: BillingPeriodAnswer,
      refuse: noSubscription,
    });
    return periodFromWire(answer);
  }

  async #post(
    operation: string,
    userId: string,
    action: SubscriptionAction | undefined,
    expected: number,
    input: Idempotent,
    payload: object,
  ): Promise<Subscription> {
    const answer = await this.#http.call({
      operation,
      method: "POST",
      path:
        action === undefined
          ? SUBSCRIPTION_PATHS.subscription(userId)
          : SUBSCRIPTION_PATHS.action(userId, action),
      expected,
      schema: SubscriptionAnswer,
      payload,
      idempotencyKey: input.idempotencyKey,
      refuse: noSubscription,
    });
    return subscriptionFromWire(answer);
  }
}

function activationBody(input: SubscriptionActivation): ActivationBody {
  const { tier, tierVersion, term, priceCents, currency } = input;
  return { tier, tier_version: tierVersion, term, price_cents: priceCents, currency };
}

function tierBody(input: SubscriptionTierChange): TierChangeBody {
  return { tier: input.tier, tier_version: input.tierVersion, price_cents: input.priceCents };
}

/** The 404 that says the user has no subscription there: the member's state, not a failure. */
function noSubscription(answer: OutboundAnswer): NoSubscriptionError | undefined {
  const body = answer.body as { code?: unknown } | undefined;
  return answer.status === 404 && body?.code === NO_SUBSCRIPTION_CODE ? new NoSubscriptionError() : undefined;
}
