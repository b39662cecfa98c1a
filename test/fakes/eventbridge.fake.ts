import { LoopbackServer, type Received } from "../support/loopback-server.ts";

export interface PutEventsEntryOnTheWire {
  readonly EventBusName: string;
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly Time?: number;
}

/**
 * EventBridge's side of PutEvents over its JSON protocol (`X-Amz-Target: AWSEvents.PutEvents`,
 * `application/x-amz-json-1.1`): answers `{ FailedEntryCount, Entries }` with one result per entry, in
 * request order. `refuse(entry)` names the ErrorCode for an entry it refuses this time.
 */
export async function startFakeEventBridge(
  refuse: (entry: PutEventsEntryOnTheWire) => string | undefined = () => undefined,
) {
  const accepted: PutEventsEntryOnTheWire[] = [];
  const calls: PutEventsEntryOnTheWire[][] = [];
  let nextId = 1;
  const server = await LoopbackServer.start(async (request: Received) => {
    if (request.headers["x-amz-target"] !== "AWSEvents.PutEvents") {
      return { status: 400, body: { __type: "UnknownOperationException" } };
    }
    const { Entries } = JSON.parse(request.body) as { Entries: PutEventsEntryOnTheWire[] };
    calls.push(Entries);
    const results = Entries.map((entry) => {
      const code = refuse(entry);
      if (code) return { ErrorCode: code, ErrorMessage: "refused by the fake" };
      accepted.push(entry);
      return { EventId: `event-${nextId++}` };
    });
    const failed = results.filter((result) => "ErrorCode" in result).length;
    return { status: 200, body: { FailedEntryCount: failed, Entries: results } };
  });
  return { server, accepted, calls };
}
