import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DependencyError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import type { ScheduledCleanup } from "../../../src/users/adapters/sandbox/array-service.sandbox.ts";
import type { ArrayService } from "../../../src/users/ports/array-service.port.ts";

export interface ArrayTarget {
  readonly service: ArrayService;
  /** What the system behind the adapter recorded for the user (the sandbox, or the fake's sandbox). */
  scheduled(userId: string): Promise<ScheduledCleanup | undefined>;
  close?(): Promise<void>;
}

/**
 * What every ArrayService adapter does, as the cleanup worker sees it. Relies on the sandbox's steering
 * ids (`array-down`, `array-fail`), which the loopback fake of Array serves too.
 */
export function arrayServiceContract(adapter: string, open: () => Promise<ArrayTarget>): void {
  describe(`ArrayService contract on ${adapter}`, () => {
    let target: ArrayTarget;

    beforeEach(async () => {
      target = await open();
    });
    afterEach(async () => {
      await target.close?.();
    });

    it("schedules a user's cleanup, and only theirs", async () => {
      await target.service.scheduleCleanup("auth0|ada", "cleanup:auth0|ada:1");
      expect(await target.scheduled("auth0|ada")).toMatchObject({ idempotencyKey: "cleanup:auth0|ada:1" });
      expect(await target.scheduled("auth0|grace")).toBeUndefined();
    });

    it("is idempotent: scheduling again, with the same key or another, succeeds and changes nothing", async () => {
      await target.service.scheduleCleanup("auth0|ada", "cleanup:auth0|ada:1");
      const first = await target.scheduled("auth0|ada");
      await target.service.scheduleCleanup("auth0|ada", "cleanup:auth0|ada:1");
      await target.service.scheduleCleanup("auth0|ada", "cleanup:auth0|ada:2");
      expect(await target.scheduled("auth0|ada")).toEqual(first);
    });

    it("fails with an UnavailableError (503) when Array is down, scheduling nothing", async () => {
      await expect(target.service.scheduleCleanup("auth0|array-down-1", "k")).rejects.toThrow(
        UnavailableError,
      );
      expect(await target.scheduled("auth0|array-down-1")).toBeUndefined();
    });

    it("fails with a DependencyError (502) when Array fails, scheduling nothing", async () => {
      await expect(target.service.scheduleCleanup("auth0|array-fail-1", "k")).rejects.toThrow(
        DependencyError,
      );
      expect(await target.scheduled("auth0|array-fail-1")).toBeUndefined();
    });
  });
}
