/**
 * The streams of one stage by name (`payments` is `{stage}-payments`): the service that produces a stream
 * registers its ARN, created in its own stack or imported by the stage's settings; a consumer asks for the
 * ARN without knowing which stack holds the stream, or whether the stage imports it.
 *
 * A created stream's ARN is a cross-stack reference, so the consumer's stack deploys after the producer's,
 * and the producer's cannot drop a stream still in use. `arnOf` resolves at synth (a Lazy), so the list of
 * services needs no order even when two services consume each other's streams.
 */
import { Lazy } from "aws-cdk-lib";

export class StreamRegistry {
  readonly #arns = new Map<string, string>();
  readonly #consumers = new Map<string, Set<string>>();

  /** The stream `name` of this stage is at `streamArn` (its producer's stack, or the stage's import). */
  register(name: string, streamArn: string): void {
    if (this.#arns.has(name)) throw new Error(`stream ${name} is registered twice in one stage`);
    this.#arns.set(name, streamArn);
  }

  /** The ARN of the stream `name`, for `consumer` (a service's name, for the error naming who asked). */
  arnOf(name: string, consumer: string): string {
    this.#consumers.set(name, (this.#consumers.get(name) ?? new Set()).add(consumer));
    return Lazy.string({
      produce: () => {
        const arn = this.#arns.get(name);
        if (!arn) throw new Error(this.#missing(name));
        return arn;
      },
    });
  }

  /** Once every service of the stage is built: fails on a stream that is consumed but never registered. */
  assertRegistered(): void {
    const missing = [...this.#consumers.keys()].filter((name) => !this.#arns.has(name));
    if (missing.length > 0) throw new Error(missing.map((name) => this.#missing(name)).join("\n"));
  }

  #missing(name: string): string {
    const consumers = [...(this.#consumers.get(name) ?? [])].join(", ");
    return `stream ${name} (consumed by ${consumers}) is produced by no service of infra/lib/services.ts`;
  }
}
