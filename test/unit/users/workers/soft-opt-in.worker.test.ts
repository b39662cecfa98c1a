import { beforeEach, describe, expect, it } from "vitest";
import { SOFT_OPT_IN_EXAMPLE } from "../../../../src/contracts/purchases/soft-opt-in.message.ts";
import { handleSoftOptInMessages } from "../../../../src/users/workers/soft-opt-in.worker.ts";
import { ADA, withAda } from "../../../suites/users/consent-fixtures.ts";
import { jsonOf } from "../../../support/http-client.ts";
import { sqsRecord } from "../../../support/lambda-events.ts";
import { testLogger } from "../../../support/log-capture.ts";

type Services = Awaited<ReturnType<typeof withAda>>;

const acquisition = {
  ...SOFT_OPT_IN_EXAMPLE,
  message_id: "acquisition:apple:2000000123456789:auth0|ada",
  user_id: "auth0|ada",
  occurred_at: "2026-11-20T08:00:00.000Z",
};

describe("soft opt-in worker (the Purchases service's queue)", () => {
  let s: Services;
  const handle = (bodies: unknown[]) =>
    handleSoftOptInMessages(
      { ...s.services.consents, logger: testLogger("test-soft-opt-ins") },
      bodies.map((body) => sqsRecord(body)),
    );
  const consents = async () => (await jsonOf(s.call(`${ADA}/consents`, { token: s.operator }))).items;

  beforeEach(async () => {
    s = await withAda({});
  });

  it("records an acquisition as a consent item at the link's time, once however often it is delivered", async () => {
    expect(await handle([acquisition, acquisition])).toEqual({ batchItemFailures: [] });
    expect(await handle([acquisition])).toEqual({ batchItemFailures: [] });

    expect(await consents()).toEqual([
      {
        user_id: "auth0|ada",
        consent_key: "soft_opt_in_in_app_purchase",
        item_id: "apple:2000000123456789",
        sms_active: false,
        agreement_timestamp: "2026-11-20T08:00:00.000Z",
        agreement_ip_address: "0.0.0.0",
        agreement_app_version: "apple-store",
        agreement_approval_date: "2026-11-20",
      },
    ]);
  });

  it("records a cancellation as a withdrawn record beside the acquisition (consents are append-only)", async () => {
    const cancellation = {
      ...acquisition,
      message_id: "cancellation:apple:2000000123456789:auth0|ada",
      event_type: "Cancellation",
      product_name: "FeastInAppPurchase",
      occurred_at: "2029-05-20T08:00:00.000Z",
    };
    await handle([acquisition, cancellation]);

    expect((await consents()).map((c: { consent_key: string }) => c.consent_key)).toEqual([
      "soft_opt_in_feast_in_app_purchase_withdrawn",
      "soft_opt_in_in_app_purchase",
    ]);
  });

  it("skips a user it does not know and reports a message that breaks the contract", async () => {
    const stranger = sqsRecord({ ...acquisition, user_id: "auth0|nobody" });
    const broken = sqsRecord({ ...acquisition, event_type: "Renewal" });

    const answer = await handleSoftOptInMessages(
      { ...s.services.consents, logger: testLogger("test-soft-opt-ins") },
      [stranger, broken],
    );

    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: broken.messageId }] });
    expect(await consents()).toEqual([]);
  });
});
