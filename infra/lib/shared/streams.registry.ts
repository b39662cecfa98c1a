/**
 * The streams of one stage by name (`payments` is `{stage}-payments`): the service that produces a stream
 * registers its ARN; a consumer asks for it without knowing which stack holds the stream, or whether the
 * stage imports it (arn.registry.ts).
 */
import { ArnRegistry } from "./arn.registry.ts";

export class StreamRegistry extends ArnRegistry {
  constructor() {
    super({ kind: "stream", usedBy: "consumed by", noOwner: "is produced by no service" });
  }
}
