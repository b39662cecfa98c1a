/**
 * The queues of one stage that a service owns and another reads (`soft-opt-ins`: the Purchases
 * service's, read by the User Service): the owner registers the queue's ARN, its consumer asks for it
 * without knowing which stack holds it (arn.registry.ts).
 */
import { ArnRegistry } from "./arn.registry.ts";

export class QueueRegistry extends ArnRegistry {
  constructor() {
    super({ kind: "queue", usedBy: "read by", noOwner: "is owned by no service" });
  }
}
