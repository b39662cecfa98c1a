import { expect } from "vitest";
import type { SqliteEventBus } from "../../../src/platform/adapters/embedded/sqlite-event-bus.ts";

/** What the bus recorded since the last call, as `{ detailType, detail }`: a test's "what was announced". */
export function eventsSince(bus: SqliteEventBus) {
  let after = bus.read(0, 1_000_000).at(-1)?.seq ?? 0;
  return () => {
    const events = bus.read(after, 1000);
    after = events.at(-1)?.seq ?? after;
    for (const event of events) expect(event.source).toBe("user-service.api");
    return events.map(({ detailType, detail }) => ({ detailType, detail }));
  };
}
