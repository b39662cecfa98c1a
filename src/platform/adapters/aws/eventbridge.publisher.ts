import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from "@aws-sdk/client-eventbridge";
import type { DomainEvent, EventPublisher } from "../../events/event-publisher.port.ts";

/** PutEvents takes at most 10 entries per call (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html). */
export const PUT_EVENTS_MAX_ENTRIES = 10;

/** Some entries of a publish were still refused after every attempt. Names counts and codes, never a detail. */
export class EventPublishError extends Error {
  override readonly name = "EventPublishError";
  readonly failed: number;
  readonly total: number;
  readonly errorCodes: readonly string[];

  constructor(failed: number, total: number, errorCodes: readonly string[]) {
    super(`${failed} of ${total} events were not published (${errorCodes.join(", ")})`);
    this.failed = failed;
    this.total = total;
    this.errorCodes = errorCodes;
  }
}

export interface EventBridgePublisherOptions {
  readonly client: EventBridgeClient;
  /** `EVENT_BUS_NAME`: `user-service.api` (seed 000). */
  readonly busName: string;
  /** Attempts per entry, the first included. The SDK already retries whole failed requests. */
  readonly maxAttempts?: number;
  /** First pause before re-sending refused entries; it doubles each time. */
  readonly baseDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Publishes to EventBridge with PutEvents in batches of 10. PutEvents can accept some entries of a
 * batch and refuse others (`FailedEntryCount`, an `ErrorCode` on each refused entry, in request
 * order): only those are sent again, with a doubling pause, up to `maxAttempts`; then the publish
 * fails with an `EventPublishError` naming how many were not published.
 */
export class EventBridgePublisher implements EventPublisher {
  readonly #client: EventBridgeClient;
  readonly #busName: string;
  readonly #maxAttempts: number;
  readonly #baseDelayMs: number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: EventBridgePublisherOptions) {
    this.#client = options.client;
    this.#busName = options.busName;
    this.#maxAttempts = options.maxAttempts ?? 3;
    this.#baseDelayMs = options.baseDelayMs ?? 100;
    this.#sleep = options.sleep ?? wait;
  }

  async publish(events: DomainEvent[]): Promise<void> {
    const codes = new Set<string>();
    let failed = 0;
    for (let start = 0; start < events.length; start += PUT_EVENTS_MAX_ENTRIES) {
      const batch = events.slice(start, start + PUT_EVENTS_MAX_ENTRIES).map((e) => this.#entry(e));
      const refused = await this.#putWithRetries(batch);
      failed += refused.length;
      for (const code of refused) codes.add(code);
    }
    if (failed > 0) throw new EventPublishError(failed, events.length, [...codes]);
  }

  /** Sends a batch, re-sending the refused entries; answers the error codes of those never accepted. */
  async #putWithRetries(batch: PutEventsRequestEntry[]): Promise<string[]> {
    let pending = batch;
    let codes: string[] = [];
    for (let attempt = 1; pending.length > 0; attempt++) {
      const answer = await this.#client.send(new PutEventsCommand({ Entries: pending }));
      if (!answer.FailedEntryCount) return [];
      const results = answer.Entries ?? [];
      const refused = pending.flatMap((entry, i) => (results[i]?.ErrorCode ? [{ entry, i }] : []));
      codes = refused.map(({ i }) => results[i]?.ErrorCode as string);
      pending = refused.map(({ entry }) => entry);
      if (attempt >= this.#maxAttempts) break;
      await this.#sleep(this.#baseDelayMs * 2 ** (attempt - 1));
    }
    return pending.length > 0 ? codes : [];
  }

  #entry(event: DomainEvent): PutEventsRequestEntry {
    return {
      EventBusName: this.#busName,
      Source: event.source,
      DetailType: event.detailType,
      Detail: JSON.stringify(event.detail),
      Time: event.time,
    };
  }
}
