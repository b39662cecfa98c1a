import { Analytics as SegmentClient } from "@segment/analytics-node";
import { UnavailableError } from "../../../platform/errors/app.errors.ts";
import type { Analytics, TrackEvent } from "../../ports/analytics.port.ts";

export interface SegmentAnalyticsOptions {
  /** `SEGMENT_WRITE_KEY`: the source's write key (sent as HTTP Basic auth, never logged). */
  readonly writeKey: string;
  /** Segment's API origin; the library's default is `https://api.segment.io` (tests: a loopback server). */
  readonly host?: string;
  /** The batch path under `host`; the library's default is `/v1/batch`. */
  readonly path?: string;
  /** Re-sends of a batch Segment failed to take (5xx, 429, no answer), with the library's backoff from 500 ms. Default 3. */
  readonly maxRetries?: number;
  /** How long one HTTP request may take (the library's default is 10 s). */
  readonly httpRequestTimeoutMs?: number;
}

/**
 * Track calls to Segment through `@segment/analytics-node`. `flushAt: 1` sends each event in its own
 * batch at once, so `track` resolves only when Segment has taken it (the library's callback then reports
 * no error) and nothing waits in a buffer that a stopped Lambda would lose. When the library gives up
 * (a 400, or a 5xx / 429 / no answer after `maxRetries`) `track` rejects with `UnavailableError` naming
 * the event and the HTTP status, never the properties (they hold an email). The `messageId` is sent as
 * given, so a repeated event is dropped by Segment's deduplication. The library calls back no sooner than
 * 300 ms after `track` (its legacy callback delay), so a call takes at least that long.
 */
export class SegmentAnalytics implements Analytics {
  readonly #client: SegmentClient;

  constructor(options: SegmentAnalyticsOptions) {
    this.#client = new SegmentClient({
      writeKey: options.writeKey,
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.path === undefined ? {} : { path: options.path }),
      flushAt: 1,
      maxRetries: options.maxRetries ?? 3,
      ...(options.httpRequestTimeoutMs === undefined
        ? {}
        : { httpRequestTimeout: options.httpRequestTimeoutMs }),
    });
  }

  track(event: TrackEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      const failed = (reason: unknown) =>
        reject(
          new UnavailableError(
            `Segment did not take the event ${event.event}${statusOf(reason)}; try again later`,
          ),
        );
      try {
        this.#client.track(
          {
            userId: event.userId,
            event: event.event,
            properties: { ...event.properties },
            messageId: event.messageId,
            timestamp: event.timestamp,
          },
          (error) => (error ? failed(error) : resolve()),
        );
      } catch (error) {
        // The library validates the event before queueing it and throws synchronously when it is invalid.
        failed(error);
      }
    });
  }

  /** Sends whatever is still queued and stops the library's timers (a process shutting down). */
  close(): Promise<void> {
    return this.#client.closeAndFlush();
  }
}

/** " (HTTP 503)" when the library's reason carries a status (its messages read `[503] Service Unavailable`). */
function statusOf(reason: unknown): string {
  const status = reason instanceof Error ? /^\[(\d{3})\]/.exec(reason.message)?.[1] : undefined;
  return status ? ` (HTTP ${status})` : "";
}
