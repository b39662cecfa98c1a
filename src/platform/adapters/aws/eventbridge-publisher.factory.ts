import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { EventBridgePublisher } from "./eventbridge.publisher.ts";

/**
 * The publisher on a client of the region, for a composition root that imports it on first use
 * (`await import(...)`): the SDK is a CommonJS package, whose named exports a bundle's dynamic import
 * does not see, so the chunk's entry is this ES module that imports it statically.
 */
export function eventBridgePublisher(region: string, busName: string): EventBridgePublisher {
  return new EventBridgePublisher({ client: new EventBridgeClient({ region }), busName });
}
