import { DependencyError, UnavailableError } from "../../../platform/errors/app.errors.ts";
import { ConditionFailedError } from "../../../platform/store/store.errors.ts";
import type { TableSpec } from "../../../platform/store/table-spec.ts";
import type { TableStore } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { ArrayService } from "../../ports/array-service.port.ts";

/** The sandbox's own table in the embedded store (never created on AWS). */
export const arraySandboxTable = {
  name: "array-sandbox",
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
} as const satisfies TableSpec;

/** Steering by user id, so a test (or a person on the local runtime) picks the behaviour it needs. */
export const ARRAY_SANDBOX = {
  /** A user id containing this makes `scheduleCleanup` fail as unavailable (503). */
  unavailable: "array-down",
  /** A user id containing this makes `scheduleCleanup` fail as a broken dependency (502). */
  failing: "array-fail",
} as const;

/** A cleanup as the sandbox recorded it: the first request's key and time. */
export interface ScheduledCleanup {
  readonly idempotencyKey: string;
  readonly scheduledAt: string;
}

/**
 * The local Array, durable in the embedded store: every user is known, and the first `scheduleCleanup`
 * for a user records it (`scheduled(userId)` reads it back); later ones, with any key, resolve and
 * change nothing, as Array answers 200 "already scheduled". A user id containing `array-down` fails
 * with UnavailableError, `array-fail` with DependencyError; nothing is written then.
 */
export class SandboxArrayService implements ArrayService {
  readonly #store: TableStore;
  readonly #clock: Clock;

  constructor(options: { readonly store: TableStore; readonly clock: Clock }) {
    this.#store = options.store;
    this.#clock = options.clock;
  }

  async scheduleCleanup(userId: string, idempotencyKey: string): Promise<void> {
    steer(userId);
    try {
      await this.#store.put(
        arraySandboxTable,
        {
          ...cleanupKey(userId),
          idempotency_key: idempotencyKey,
          scheduled_at: this.#clock.now().toISOString(),
        },
        { attributeNotExists: "pk" },
      );
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
    }
  }

  /** The user's scheduled cleanup, if one was asked for (sandbox only). */
  async scheduled(userId: string): Promise<ScheduledCleanup | undefined> {
    const item = await this.#store.get(arraySandboxTable, cleanupKey(userId));
    return (
      item && { idempotencyKey: item.idempotency_key as string, scheduledAt: item.scheduled_at as string }
    );
  }
}

function steer(userId: string): void {
  if (userId.includes(ARRAY_SANDBOX.unavailable))
    throw new UnavailableError("Array is unavailable; try again later");
  if (userId.includes(ARRAY_SANDBOX.failing)) throw new DependencyError("Array failed; try again later");
}

const cleanupKey = (userId: string) => ({ pk: `CLEANUP#${userId}`, sk: "CLEANUP" });
