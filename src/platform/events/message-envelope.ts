import * as z from "zod";

/**
 * The envelope of every record on the Kinesis streams (`payments`, `subscriptions`, `users`):
 * `{ event_id, event_type, version, occurred_at, payload }`. `event_id` is the producer's unique id
 * (consumers key idempotency on it), `version` the semantic version of the payload's format, so a
 * consumer can refuse a major version it does not know rather than misread it.
 */
export function envelopeOf<T extends z.ZodType, V extends string, E extends z.ZodType<string>>(
  eventType: E,
  version: V,
  payload: T,
) {
  return z.strictObject({
    event_id: z.string().min(1).meta({ description: "Unique per event; redeliveries repeat it." }),
    event_type: eventType,
    version: z.literal(version).meta({ description: "Semantic version of the payload format." }),
    occurred_at: z.iso.datetime().meta({ description: "RFC 3339, when the producer's change happened." }),
    payload,
  });
}
