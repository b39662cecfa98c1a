import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { SandboxGateway } from "../../../src/payments/adapters/sandbox/sandbox.gateway.ts";
import { gatewaySandboxTable } from "../../../src/payments/adapters/sandbox/sandbox-gateway.records.ts";
import { GatewayRefusedError } from "../../../src/payments/domain/gateway.errors.ts";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { sequentialIds } from "../../../src/platform/time/id-generator.port.ts";
import { paymentGatewayContract } from "./payment-gateway.contract.ts";

const NOW = "2026-11-22T09:30:00.000Z";
const SECRET = "whsec_roster_local_sandbox_0123456789";

function sandbox(file = ":memory:") {
  const clock = new ManualClock(NOW);
  const store = new SqliteTableStore(openSqlite(file), "test", clock);
  const gateway = new SandboxGateway({ store, clock, ids: sequentialIds("sbx"), webhookSecret: SECRET });
  return { clock, store, gateway };
}

const sign = (clock: ManualClock, payload: string, ageSeconds: number) =>
  Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: SECRET,
    timestamp: Math.floor(clock.now().getTime() / 1000) - ageSeconds,
  });

paymentGatewayContract("the sandbox gateway", async () => {
  const { clock, gateway } = sandbox();
  return {
    gateway,
    charges: async (customerRef) =>
      (await gateway.chargesOf(customerRef)).map(({ amountCents, refundedCents }) => ({
        amountCents,
        refundedCents,
      })),
    dispute: async (chargeRef) => {
      await gateway.raiseDispute(chargeRef);
      const webhook = (await gateway.pendingWebhooks()).at(-1);
      if (webhook === undefined) throw new Error("the sandbox queued no webhook");
      return webhook;
    },
    sign: (payload, ageSeconds) => sign(clock, payload, ageSeconds),
  };
});

describe("the sandbox gateway", () => {
  async function charged(gateway: SandboxGateway, userId: string, token = "pm_card_visa_debit") {
    const customer = await gateway.customer(userId);
    const method = await gateway.attachMethod(customer.ref, token);
    const request = {
      customerRef: customer.ref,
      methodRef: method.ref,
      amountCents: 1000,
      currency: "USD",
      description: "Roster membership",
      idempotencyKey: `charge-${userId}`,
      metadata: {},
    };
    return { customer, result: await gateway.charge(request) };
  }

  it("declines every charge of a user whose id ends in -card-declines, whatever the card", async () => {
    const { gateway } = sandbox();
    const { customer, result } = await charged(gateway, "auth0|ada-card-declines");
    expect(result).toMatchObject({ outcome: "declined", reason: "card_declined" });
    expect(await gateway.chargesOf(customer.ref)).toEqual([]);
  });

  it("refuses to attach any card for a user whose id ends in -no-card", async () => {
    const { gateway } = sandbox();
    const customer = await gateway.customer("auth0|ada-no-card");
    const attach = gateway.attachMethod(customer.ref, "pm_card_visa_debit");
    await expect(attach).rejects.toEqual(expect.objectContaining({ rule: "method_refused" }));
    await expect(attach).rejects.toBeInstanceOf(GatewayRefusedError);
  });

  it("disputes at once every succeeded charge of a user whose id ends in -disputes", async () => {
    const { gateway } = sandbox();
    const { result } = await charged(gateway, "auth0|ada-disputes");
    const [webhook] = await gateway.pendingWebhooks();
    const event = await gateway.webhookEvent(webhook?.payload ?? "", webhook?.signature ?? "");
    expect(event).toMatchObject({ kind: "dispute.opened", chargeRef: result.ref, amountCents: 1000 });
  });

  it("raises and closes a dispute on demand, its webhooks pending until acknowledged", async () => {
    const { gateway } = sandbox();
    const { result } = await charged(gateway, "auth0|grace");
    await gateway.raiseDispute(result.ref as string);
    await gateway.closeDispute(result.ref as string, "lost");
    const pending = await gateway.pendingWebhooks();
    const events = await Promise.all(pending.map((w) => gateway.webhookEvent(w.payload, w.signature)));
    expect(events.map((e) => ("status" in e ? [e.kind, e.status] : e.kind))).toEqual([
      ["dispute.opened", "needs_response"],
      ["dispute.closed", "lost"],
    ]);
    await gateway.acknowledgeWebhook(pending[0]?.eventId ?? "");
    expect((await gateway.pendingWebhooks()).map((w) => w.eventId)).toEqual([pending[1]?.eventId]);
  });

  it("disputes a charge once and keeps a closed dispute closed, refusing with the dispute's status", async () => {
    const { gateway } = sandbox();
    const { result } = await charged(gateway, "auth0|grace");
    const ref = result.ref as string;
    const rule = (call: Promise<void>) =>
      call.then(
        () => "queued",
        (error: GatewayRefusedError) => error.rule,
      );

    const answers = [
      await rule(gateway.closeDispute(ref, "won")),
      await rule(gateway.raiseDispute(ref)),
      await rule(gateway.raiseDispute(ref)),
      await rule(gateway.closeDispute(ref, "lost")),
      await rule(gateway.closeDispute(ref, "won")),
      await rule(gateway.closeDispute(ref, "lost")),
      await rule(gateway.raiseDispute(ref)),
    ];
    await expect(gateway.closeDispute(ref, "won")).rejects.toThrow(
      "its dispute is closed already (lost); a closed dispute is final",
    );

    expect(answers).toEqual([
      "no_dispute",
      "queued",
      "already_disputed",
      "queued",
      "dispute_closed",
      "dispute_closed",
      "already_disputed",
    ]);
    expect(await gateway.pendingWebhooks()).toHaveLength(2);
  });

  it("of two closes at once queues one", async () => {
    const { gateway } = sandbox();
    const { result } = await charged(gateway, "auth0|ada-disputes");
    const ref = result.ref as string;

    const closes = await Promise.allSettled([
      gateway.closeDispute(ref, "won"),
      gateway.closeDispute(ref, "lost"),
    ]);

    expect(closes.map((c) => c.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await gateway.pendingWebhooks()).toHaveLength(2);
  });

  it("hands out webhooks in the order they were queued, whatever their ids", async () => {
    const { gateway } = sandbox();
    for (let i = 0; i < 6; i += 1) {
      const { result } = await charged(gateway, `auth0|grace-${i}`);
      await gateway.raiseDispute(result.ref as string);
      await gateway.closeDispute(result.ref as string, "won");
    }
    const events = await Promise.all(
      (await gateway.pendingWebhooks()).map((w) => gateway.webhookEvent(w.payload, w.signature)),
    );
    expect(events.map((e) => e.kind)).toEqual(Array(6).fill(["dispute.opened", "dispute.closed"]).flat());
  });

  it("signs a pending webhook when it hands it out, so a late delivery still verifies", async () => {
    const { clock, gateway } = sandbox();
    const { result } = await charged(gateway, "auth0|grace");
    await gateway.raiseDispute(result.ref as string);
    clock.advance(3_600_000);
    const [webhook] = await gateway.pendingWebhooks();
    await expect(
      gateway.webhookEvent(webhook?.payload ?? "", webhook?.signature ?? ""),
    ).resolves.toMatchObject({
      kind: "dispute.opened",
    });
  });

  it("keeps customers, cards, charges and webhooks in the embedded store across a restart", async () => {
    const first = sandbox();
    const { customer, result } = await charged(first.gateway, "auth0|ada-disputes");
    const restarted = new SandboxGateway({
      store: first.store,
      clock: first.clock,
      ids: sequentialIds("after-restart"),
      webhookSecret: SECRET,
    });
    expect(await restarted.customer("auth0|ada-disputes")).toEqual(customer);
    expect(await restarted.chargesOf(customer.ref)).toMatchObject([{ ref: result.ref, amountCents: 1000 }]);
    expect(await restarted.pendingWebhooks()).toHaveLength(1);
    const refund = await restarted.refund({
      chargeRef: result.ref as string,
      amountCents: 1000,
      idempotencyKey: "r",
    });
    expect(refund.status).toBe("succeeded");
    expect((await first.store.query(gatewaySandboxTable, { partition: "WEBHOOKS" })).items).toHaveLength(1);
  });

  it("refunds a charge once when refunds with different keys race for what is left", async () => {
    const { gateway } = sandbox();
    const { customer, result } = await charged(gateway, "auth0|grace");
    const refunds = Array.from({ length: 5 }, (_, i) =>
      gateway.refund({ chargeRef: result.ref as string, amountCents: 1000, idempotencyKey: `race-${i}` }),
    );
    const settled = await Promise.allSettled(refunds);
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    expect(await gateway.chargesOf(customer.ref)).toMatchObject([{ refundedCents: 1000 }]);
  });
});
