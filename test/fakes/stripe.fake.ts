import Stripe from "stripe";
import type { Clock } from "../../src/platform/time/clock.port.ts";
import { type Answer, LoopbackServer, type Received } from "../support/loopback-server.ts";
import { type Form, StripeFakeLedger } from "./stripe-fake.ledger.ts";

export const FAKE_STRIPE_KEYS = {
  apiKey: "sk_test_roster_fake_0123456789abcdef",
  webhookSecret: "whsec_roster_fake_0123456789abcdef",
} as const;

/** A webhook as Stripe delivers it: the raw body and its `Stripe-Signature` header. */
export interface SignedWebhook {
  readonly payload: string;
  readonly signature: string;
}

interface Replay {
  readonly fingerprint: string;
  readonly answer: Answer;
}

/**
 * Stripe's side of the wire for tests of the Stripe adapter (stripe-mock is not available here): the
 * five endpoints the adapter calls, form bodies as the SDK encodes them, Stripe's test PaymentMethods,
 * idempotent requests (https://docs.stripe.com/api/idempotent_requests: same key and body replays the
 * stored answer with `Idempotent-Replayed: true`; same key, other body: 400 `idempotency_error`), and
 * webhooks signed with the SDK's own test helper.
 *
 * Not emulated: API keys beyond a bearer check, versions, expansion, livemode, amounts' minimums and
 * currencies, asynchronous payments (`processing`), 3D Secure flows on session, disputes' lifecycle
 * (only their webhooks), key expiry after 24 h, and concurrency (requests are handled one at a time).
 */
export async function startFakeStripe(clock: Clock) {
  const ledger = new StripeFakeLedger(() => clock.now());
  const replays = new Map<string, Replay>();
  let events = 0;
  const server = await LoopbackServer.start(async (request) => {
    if (request.headers.authorization !== `Bearer ${FAKE_STRIPE_KEYS.apiKey}`) {
      return {
        status: 401,
        body: { error: { type: "invalid_request_error", message: "Invalid API Key provided" } },
      };
    }
    const key = request.headers["idempotency-key"];
    if (typeof key !== "string") return route(ledger, request);
    const fingerprint = `${request.method} ${request.url} ${request.body}`;
    const stored = replays.get(key);
    if (stored !== undefined && stored.fingerprint !== fingerprint) return idempotencyError(key);
    if (stored !== undefined) return { ...stored.answer, headers: { "idempotent-replayed": "true" } };
    const answer = route(ledger, request);
    // Stripe saves what an endpoint answered once it started executing, failures (402) included; a
    // request refused by validation (400) is not saved and may be retried with the same key.
    if (answer.status === 200 || answer.status === 402) replays.set(key, { fingerprint, answer });
    return answer;
  });

  /** A signed event as Stripe would deliver it, `created` and the signature's timestamp from the clock. */
  function webhook(type: string, object: Record<string, unknown>, ageSeconds = 0): SignedWebhook {
    const created = Math.floor(clock.now().getTime() / 1000) - ageSeconds;
    const event = {
      id: `evt_fake${String(++events).padStart(6, "0")}`,
      object: "event",
      api_version: "2025-01-01",
      created,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object },
    };
    const payload = JSON.stringify(event);
    const secret = FAKE_STRIPE_KEYS.webhookSecret;
    return {
      payload,
      signature: Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: created }),
    };
  }

  return {
    server,
    ledger,
    host: "127.0.0.1",
    port: Number(new URL(server.origin).port),
    webhook,
    /** A dispute on a succeeded PaymentIntent, as `charge.dispute.created` carries it. */
    dispute(paymentIntent: string, status = "needs_response") {
      const charge = ledger.charges.get(paymentIntent);
      if (charge === undefined) throw new Error(`the fake has no succeeded PaymentIntent ${paymentIntent}`);
      return {
        id: `du_${paymentIntent.slice(3)}`,
        object: "dispute",
        amount: charge.amount,
        currency: charge.currency,
        charge: `ch_${paymentIntent.slice(3)}`,
        payment_intent: paymentIntent,
        reason: "fraudulent",
        status,
        created: Math.floor(clock.now().getTime() / 1000),
      };
    },
  };
}

function route(ledger: StripeFakeLedger, request: Received): Answer {
  if (request.method !== "POST") return { status: 405 };
  const form = parseForm(request.body);
  const method = /^\/v1\/payment_methods\/([^/]+)\/(attach|detach)$/.exec(request.url);
  if (method?.[2] === "attach") return ledger.attach(decodeURIComponent(method[1] ?? ""), form);
  if (method?.[2] === "detach") return ledger.detach(decodeURIComponent(method[1] ?? ""));
  if (request.url === "/v1/customers") return ledger.createCustomer(form);
  if (request.url === "/v1/payment_intents") return ledger.createIntent(form);
  if (request.url === "/v1/refunds") return ledger.refund(form);
  return {
    status: 404,
    body: { error: { type: "invalid_request_error", message: "Unrecognized request URL" } },
  };
}

function idempotencyError(key: string): Answer {
  const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
  return { status: 400, body: { error: { type: "idempotency_error", message } } };
}

/** The SDK's form encoding (`a[b][c]=v`, arrays as `a[0]=v`) rebuilt into nested objects. */
export function parseForm(body: string): Form {
  const form: Form = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const path = name.split(/\[|\]\[|\]$/).filter((part, i) => i === 0 || part !== "");
    let node = form;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      const child: Form = typeof next === "object" ? next : {};
      node[part] = child;
      node = child;
    }
    node[path.at(-1) ?? name] = value;
  }
  return form;
}
