import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DependencyError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import type { FloatService } from "../../../src/users/ports/float-service.port.ts";
import type { UnderwritingService } from "../../../src/users/ports/underwriting-service.port.ts";

export interface FloatTarget {
  readonly service: FloatService;
  close?(): Promise<void>;
}

export interface UnderwritingTarget {
  readonly service: UnderwritingService;
  close?(): Promise<void>;
}

/** What every FloatService adapter does. Relies on the steering ids `float-owes`, `float-down`, `float-fail`. */
export function floatServiceContract(adapter: string, open: () => Promise<FloatTarget>): void {
  describe(`FloatService contract on ${adapter}`, () => {
    let target: FloatTarget;
    beforeEach(async () => {
      target = await open();
    });
    afterEach(async () => {
      await target.close?.();
    });

    it("reports no balance for most users and 2500 cents for one who owes", async () => {
      expect(await target.service.outstandingBalance("auth0|ada")).toEqual({
        amountCents: 0,
        currency: "USD",
      });
      expect(await target.service.outstandingBalance("auth0|float-owes")).toEqual({
        amountCents: 2500,
        currency: "USD",
      });
    });

    it("fails as unavailable (503) or as a broken dependency (502) when the service does", async () => {
      await expect(target.service.outstandingBalance("auth0|float-down")).rejects.toThrow(UnavailableError);
      await expect(target.service.outstandingBalance("auth0|float-fail")).rejects.toThrow(DependencyError);
    });
  });
}

/** What every UnderwritingService adapter does. Relies on `uw-ineligible`, `uw-down`, `uw-fail`. */
export function underwritingServiceContract(adapter: string, open: () => Promise<UnderwritingTarget>): void {
  describe(`UnderwritingService contract on ${adapter}`, () => {
    let target: UnderwritingTarget;
    beforeEach(async () => {
      target = await open();
    });
    afterEach(async () => {
      await target.close?.();
    });

    it("recalculates: eligible with a limit, or not eligible with none", async () => {
      expect(await target.service.recalculate("auth0|ada")).toEqual({ eligible: true, limitCents: 5000 });
      expect(await target.service.recalculate("auth0|ada")).toEqual({ eligible: true, limitCents: 5000 });
      expect(await target.service.recalculate("auth0|uw-ineligible")).toEqual({
        eligible: false,
        limitCents: 0,
      });
    });

    it("fails as unavailable (503) or as a broken dependency (502) when the service does", async () => {
      await expect(target.service.recalculate("auth0|uw-down")).rejects.toThrow(UnavailableError);
      await expect(target.service.recalculate("auth0|uw-fail")).rejects.toThrow(DependencyError);
    });
  });
}
