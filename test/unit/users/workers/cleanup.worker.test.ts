import { beforeEach, describe, expect, it } from "vitest";
import { lambdaContext } from "../../../../src/platform/adapters/embedded/lambda-context.ts";
import { MembershipStoreRepository } from "../../../../src/users/adapters/dynamodb/membership-store.repository.ts";
import { SandboxArrayService } from "../../../../src/users/adapters/sandbox/array-service.sandbox.ts";
import { buildTestServices } from "../../../../src/users/wiring/test-services.ts";
import {
  type CleanupWorkerDeps,
  handleCleanupMessages,
} from "../../../../src/users/workers/cleanup.worker.ts";
import { members } from "../../../suites/users/worker-fixtures.ts";
import { sqsRecord } from "../../../support/lambda-events.ts";
import { testLogger } from "../../../support/log-capture.ts";
import { useSubscriptionService } from "../../../support/subscription-service.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;

describe("cleanup worker (seed 000)", () => {
  let s: Services;
  let deps: CleanupWorkerDeps;
  let array: SandboxArrayService;
  const subscriptions = useSubscriptionService();
  const payments = subscriptions.payments;
  const people = members(() => s, payments);
  const handle = (records: Parameters<typeof handleCleanupMessages>[1]) =>
    handleCleanupMessages(deps, records, lambdaContext("test-cleanup", 30_000));

  beforeEach(async () => {
    s = await buildTestServices({ payments: payments.forUsers, subscriptions: subscriptions.forUsers });
    array = new SandboxArrayService({ store: s.store, clock: s.clock });
    deps = {
      logger: testLogger("test-cleanup"),
      memberships: new MembershipStoreRepository(s.store),
      transactions: s.services.lifecycle.transactions,
      accounts: s.sandboxes.accounts,
      array,
    };
  });

  it("removes the Plaid items, blocks the Auth0 account and schedules the Array cleanup", async () => {
    const message = await people.closed("auth0|ada");
    expect(await s.services.lifecycle.transactions.listPlaidItems("auth0|ada")).toHaveLength(1);

    expect(await handle([sqsRecord(message)])).toEqual({ batchItemFailures: [] });

    expect(await s.services.lifecycle.transactions.listPlaidItems("auth0|ada")).toEqual([]);
    expect(await s.sandboxes.accounts.isBlocked("auth0|ada")).toBe(true);
    expect(await array.scheduled("auth0|ada")).toMatchObject({
      idempotencyKey: expect.stringContaining("auth0|ada"),
    });
  });

  it("a redelivered message does no harm and reports no failure", async () => {
    const message = await people.closed("auth0|bo");
    await handle([sqsRecord(message)]);
    const first = await array.scheduled("auth0|bo");

    expect(await handle([sqsRecord(message, { receiveCount: 2 })])).toEqual({ batchItemFailures: [] });

    expect(await array.scheduled("auth0|bo")).toEqual(first);
    expect(await s.sandboxes.accounts.isBlocked("auth0|bo")).toBe(true);
  });

  it("leaves a member alone whose membership is live again", async () => {
    await people.active("auth0|cy");
    const stale = { user_id: "auth0|cy", reason: "CANCEL", requested_at: "2026-01-01T00:00:00.000Z" };

    expect(await handle([sqsRecord(stale)])).toEqual({ batchItemFailures: [] });

    expect(await s.sandboxes.accounts.isBlocked("auth0|cy")).toBe(false);
    expect(await array.scheduled("auth0|cy")).toBeUndefined();
  });

  it("returns a message whose step failed or that does not parse, and finishes the others", async () => {
    const down = await people.closed("auth0|di-array-down");
    const fine = await people.closed("auth0|ed");
    const broken = sqsRecord({ user_id: "auth0|ed", reason: "NOPE" });
    const failing = sqsRecord(down);

    const result = await handle([failing, broken, sqsRecord(fine)]);

    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      [failing.messageId, broken.messageId].sort(),
    );
    expect(await array.scheduled("auth0|ed")).toBeDefined();
    // The steps before the failed one are done and stay done; the redelivery repeats them harmlessly.
    expect(await s.sandboxes.accounts.isBlocked("auth0|di-array-down")).toBe(true);
  });
});
