import { beforeEach, describe, expect, it } from "vitest";
import {
  PAYMENT_CHARGED_BACK_EXAMPLE,
  PAYMENT_DISPUTE_UPDATED_EXAMPLE,
  PAYMENT_PROCESSED_V0_EXAMPLE,
  PAYMENT_REFUNDED_EXAMPLE,
} from "../../../../src/contracts/payments/payments.message.ts";
import { lambdaContext } from "../../../../src/platform/adapters/embedded/lambda-context.ts";
import { bearerAuthorizer } from "../../../../src/users/adapters/http/user-service-api.authorizers.ts";
import { HttpUserServiceApi } from "../../../../src/users/adapters/http/user-service-api.http.ts";
import { buildTestServices } from "../../../../src/users/wiring/test-services.ts";
import {
  handlePaymentRecords,
  type PaymentWorkerDeps,
} from "../../../../src/users/workers/payment.worker.ts";
import { members } from "../../../suites/users/worker-fixtures.ts";
import { kinesisRecord } from "../../../support/lambda-events.ts";
import { testLogger } from "../../../support/log-capture.ts";
import { useSubscriptionService } from "../../../support/subscription-service.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;

const chargedBack = (userId: string) =>
  kinesisRecord({
    ...PAYMENT_CHARGED_BACK_EXAMPLE,
    payload: { ...PAYMENT_CHARGED_BACK_EXAMPLE.payload, userId },
  });

describe("payment worker (seed 004)", () => {
  let s: Services;
  let deps: PaymentWorkerDeps;
  const subscriptions = useSubscriptionService();
  const payments = subscriptions.payments;
  const people = members(() => s, payments);
  const context = () => lambdaContext("test-payment-worker", 30_000);
  const handle = (records: Parameters<typeof handlePaymentRecords>[1]) =>
    handlePaymentRecords(deps, records, context());

  /** The worker calls the API in process, as the local runtime wires it, through auth and routing. */
  function workerDeps(fetch: (request: Request) => Promise<Response>): PaymentWorkerDeps {
    const logger = testLogger("test-payment-worker");
    const token = () => s.token({ kind: "service", id: "payment-worker" });
    const api = new HttpUserServiceApi({
      baseUrl: "http://roster.local",
      authorize: bearerAuthorizer(token),
      fetch,
      logger,
    });
    return { logger, catalog: s.sandboxes.catalog, api };
  }

  beforeEach(async () => {
    s = await buildTestServices({ payments: payments.forUsers, subscriptions: subscriptions.forUsers });
    deps = workerDeps((request) => Promise.resolve(s.app.fetch(request)));
  });

  it("bans a member whose payment was charged back: subscription stopped, account blocked, CANCELLED (BANNED)", async () => {
    await people.active("auth0|ada");

    expect(await handle([chargedBack("auth0|ada")])).toEqual({ batchItemFailures: [] });

    const user = await people.user("auth0|ada");
    expect(user).toMatchObject({
      user_status: "BANNED",
      user_status_reason: "user banned from user-service for returned payment",
    });
    const [current] = await people.timeline("auth0|ada");
    expect(current).toMatchObject({ membership_status: "CANCELLED", membership_event_type: "BANNED" });
    expect(await s.sandboxes.accounts.isBlocked("auth0|ada")).toBe(true);
  });

  it("a redelivered chargeback has the effect of one: no second record, no second ban event", async () => {
    await people.active("auth0|bo");
    const record = chargedBack("auth0|bo");

    await handle([record]);
    expect(await handle([record])).toEqual({ batchItemFailures: [] });

    const bans = (await people.timeline("auth0|bo")).filter((r) => r.membership_event_type === "BANNED");
    expect(bans).toHaveLength(1);
    const statusEvents = s.bus.read(0, 100).filter((e) => e.detailType === "UserStatusChanged");
    expect(statusEvents.filter((e) => e.detail.user_status === "BANNED")).toHaveLength(1);
  });

  it("only logs a chargeback while EnableChargebackBan is off for the user", async () => {
    await people.active("auth0|cy-no-chargeback-ban");

    await handle([chargedBack("auth0|cy-no-chargeback-ban")]);

    expect((await people.user("auth0|cy-no-chargeback-ban")).user_status).toBe("ACTIVE");
  });

  it("skips every other payment status and an unknown user, reporting no failure", async () => {
    await people.active("auth0|di");
    const confirmed = kinesisRecord({
      ...PAYMENT_PROCESSED_V0_EXAMPLE,
      payload: { ...PAYMENT_PROCESSED_V0_EXAMPLE.payload, userId: "auth0|di" },
    });

    expect(await handle([confirmed, chargedBack("auth0|nobody")])).toEqual({ batchItemFailures: [] });

    expect((await people.user("auth0|di")).user_status).toBe("ACTIVE");
  });

  it("skips the refund and dispute records (the chargeback comes as PaymentProcessed CHARGED_BACK)", async () => {
    await people.active("auth0|di");
    const refunded = kinesisRecord({
      ...PAYMENT_REFUNDED_EXAMPLE,
      payload: { ...PAYMENT_REFUNDED_EXAMPLE.payload, userId: "auth0|di" },
    });
    const disputed = kinesisRecord({
      ...PAYMENT_DISPUTE_UPDATED_EXAMPLE,
      payload: { ...PAYMENT_DISPUTE_UPDATED_EXAMPLE.payload, userId: "auth0|di" },
    });

    expect(await handle([refunded, disputed])).toEqual({ batchItemFailures: [] });

    expect((await people.user("auth0|di")).user_status).toBe("ACTIVE");
  });

  it("reports a record that does not parse, and one whose ban failed, by sequence number; the others go through", async () => {
    await people.active("auth0|ed");
    await people.active("auth0|flo");
    const garbage = kinesisRecord("{not json");
    const wrongVersion = kinesisRecord({ ...PAYMENT_CHARGED_BACK_EXAMPLE, version: "2.0.0" });
    const good = chargedBack("auth0|ed");
    let calls = 0;
    const failOnce = (request: Request) =>
      ++calls === 1
        ? Promise.resolve(new Response("", { status: 503 }))
        : Promise.resolve(s.app.fetch(request));
    deps = workerDeps(failOnce);
    const unavailable = chargedBack("auth0|flo");

    const result = await handle([garbage, unavailable, wrongVersion, good]);

    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([
      garbage.kinesis.sequenceNumber,
      unavailable.kinesis.sequenceNumber,
      wrongVersion.kinesis.sequenceNumber,
    ]);
    expect((await people.user("auth0|ed")).user_status).toBe("BANNED");
    expect((await people.user("auth0|flo")).user_status).toBe("ACTIVE");
  });
});
