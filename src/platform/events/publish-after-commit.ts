import type { DomainEvent, EventPublisher } from "./event-publisher.port.ts";

/** Where a failed publish is reported (the Powertools Logger fits). */
export interface EventFailureLogger {
  error(message: string, ...extra: unknown[]): void;
}

export interface AfterCommitDeps {
  readonly events: EventPublisher;
  readonly logger: EventFailureLogger;
}

/**
 * Publishes the events of a change that has already committed. A failure is logged and swallowed: the
 * change stands, so answering the client with an error would only invite a retry of a done change.
 * Delivery is therefore at most once; consumers that need every change read the table's change feed
 * (at least once, ARCHITECTURE.md "Domain events"). The log names the detail-types, never a detail.
 */
export async function publishAfterCommit(deps: AfterCommitDeps, events: DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  try {
    await deps.events.publish(events);
  } catch (error) {
    deps.logger.error("domain events not published after commit", {
      detailTypes: events.map((event) => event.detailType),
      reason: error instanceof Error ? error.message : String(error),
    });
  }
}
