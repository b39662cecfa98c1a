import type { Context } from "aws-lambda";

/**
 * The Lambda context the local runtime hands a worker: its name and a deadline `timeoutMs` after the
 * invocation began, so Powertools sets an in-progress idempotency record's expiry as on AWS (a record
 * left by a process that died mid-invocation can be taken over once the invocation would have timed out).
 */
export function lambdaContext(
  functionName: string,
  timeoutMs: number,
  nowMs: () => number = Date.now,
): Context {
  const deadline = nowMs() + timeoutMs;
  const requestId = crypto.randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: "512",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - nowMs()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
