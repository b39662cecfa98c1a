import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface RequestCounter {
  /** HTTP requests sent per DynamoDB operation since attaching or the last reset, e.g. `{ GetItem: 3 }`. */
  counts(): Record<string, number>;
  reset(): void;
}

let attached = 0;
/** The JSON protocol names the operation in this header: `DynamoDB_20120810.GetItem`. */
const TARGET_HEADER = "x-amz-target";

/**
 * Counts what reaches the wire: the middleware sits in the finalizeRequest step below the retry
 * middleware (which has high priority there), so each retried attempt counts once more. A document
 * client shares its middleware stack with the client it wraps, so either may be given.
 */
export function attachRequestCounter(client: DynamoDBClient | DynamoDBDocumentClient): RequestCounter {
  let counts: Record<string, number> = {};
  // A name of its own, so that two counters on one client (say a benchmark's and a test's) both count.
  const name = `rosterRequestCounter${++attached}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = operationOf(args.request, context.commandName);
      counts[operation] = (counts[operation] ?? 0) + 1;
      return next(args);
    },
    { step: "finalizeRequest", priority: "low", name },
  );
  return {
    counts: () => ({ ...counts }),
    reset: () => {
      counts = {};
    },
  };
}

function operationOf(request: unknown, commandName: string | undefined): string {
  const headers = (request as { headers?: Record<string, string> } | undefined)?.headers ?? {};
  const target = Object.entries(headers).find(([name]) => name.toLowerCase() === TARGET_HEADER)?.[1];
  if (target) return target.slice(target.indexOf(".") + 1);
  return (commandName ?? "Unknown").replace(/Command$/, "");
}
