import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SandboxGateway } from "../../../src/payments/adapters/sandbox/sandbox.gateway.ts";
import type { ChargeRepository } from "../../../src/payments/ports/charge.repository.ts";
import { createCharge } from "../../../src/payments/use-cases/charges/create-charge.use-case.ts";
import { attachMethod } from "../../../src/payments/use-cases/methods/attach-method.use-case.ts";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import type { Principal } from "../../../src/platform/identity/principal.ts";
import { sequentialIds } from "../../../src/platform/time/id-generator.port.ts";
import { type PaymentStore, paymentStore, USER } from "../../suites/payments/payment-store-fixtures.ts";

const SERVICE: Principal = { kind: "service", id: "users", mfa: false };
const ADA: Principal = { kind: "user", id: USER, mfa: true };
const REQUEST = { amount_cents: 1250, currency: "USD", description: "Upgrade to premium (prorated)" };

/**
 * A crash between the gateway's answer and the commit of its outcome (the process dies there): the
 * charge stays INITIATED, and the caller's retry with the same key asks the gateway again with the same
 * key, so money moves once (Kill Bill #508). The crash is the settle failing as a dying process's would.
 */
describe("a charge interrupted between the gateway and the commit", () => {
  let store: PaymentStore;
  let gateway: SandboxGateway;
  beforeEach(async () => {
    store = await paymentStore();
    const sandboxStore = new SqliteTableStore(openSqlite(":memory:"), "test", store.clock);
    gateway = new SandboxGateway({
      store: sandboxStore,
      clock: store.clock,
      ids: sequentialIds("sbx"),
      webhookSecret: "whsec_test_crash_0123456789",
    });
  });
  afterEach(async () => store.drop());

  const deps = (charges: ChargeRepository) => ({
    charges,
    methods: store.methods,
    customers: store.customers,
    gateway,
    clock: store.clock,
    ids: sequentialIds("rec"),
  });

  it("charges once when the retry with the same key comes after the crash", async () => {
    await attachMethod(deps(store.charges), ADA, USER, { token: "pm_card_visa_debit" });
    const dying: ChargeRepository = {
      ...bound(store.charges),
      settleCharge: async () => {
        throw new Error("the process died before the commit");
      },
    };

    await expect(createCharge(deps(dying), SERVICE, USER, REQUEST, "upgrade:ada:1")).rejects.toThrow(/died/);
    const [interrupted] = (await store.charges.listCharges(USER, { limit: 10 })).items;
    expect(interrupted?.status).toBe("INITIATED");

    const retried = await createCharge(deps(store.charges), SERVICE, USER, REQUEST, "upgrade:ada:1");

    expect(retried).toMatchObject({ confirmationId: interrupted?.confirmationId, status: "CONFIRMED" });
    const customer = (await store.customers.customerRef(USER)) as string;
    expect(await gateway.chargesOf(customer)).toHaveLength(1);
  });
});

/** The repository's methods bound to it, so one can be replaced and the rest still work. */
function bound(repository: ChargeRepository): ChargeRepository {
  return {
    beginCharge: (c) => repository.beginCharge(c),
    settleCharge: (id, o, r) => repository.settleCharge(id, o, r),
    getCharge: (id) => repository.getCharge(id),
    chargeByGatewayRef: (ref) => repository.chargeByGatewayRef(ref),
    listCharges: (user, page) => repository.listCharges(user, page),
  };
}
