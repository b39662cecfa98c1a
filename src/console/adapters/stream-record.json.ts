/** A stream record's data as JSON, or undefined when a producer wrote something else (shown as such). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The event type and member a JSON record or message names (`event_type`, `user_id`, or its payload's),
 * so the dead-letters page can say what failed and for whom without showing the record itself.
 */
export function namedIn(json: unknown): { eventType: string | undefined; member: string | undefined } {
  const body = (typeof json === "object" && json !== null ? json : {}) as Record<string, unknown>;
  const payload = (body.payload ?? {}) as Record<string, unknown>;
  const eventType = [body.event_type, body.eventName, body.type].find((value) => typeof value === "string");
  const member = [body.user_id, body.userId, payload.user_id, payload.userId].find(
    (value) => typeof value === "string",
  );
  return { eventType: eventType as string | undefined, member: member as string | undefined };
}
