/**
 * The queues of one stage that a service owns and another reads (`soft-opt-ins`: the Purchases
 * service's, read by the User Service), as the streams registry does for streams: the owner registers
 * the queue's ARN, its consumer asks for it without knowing which stack holds it.
 *
 * A queue created in the stage is a cross-stack reference: the consumer's stack deploys after the
 * owner's, and the owner's cannot drop a queue still read. `arnOf` resolves at synth (a Lazy), so the
 * list of services needs no order.
 */
import { Lazy } from "aws-cdk-lib";

export class QueueRegistry {
  readonly #arns = new Map<string, string>();
  readonly #consumers = new Map<string, Set<string>>();

  /** The queue `name` of this stage is at `queueArn`. */
  register(name: string, queueArn: string): void {
    if (this.#arns.has(name)) throw new Error(`queue ${name} is registered twice in one stage`);
    this.#arns.set(name, queueArn);
  }

  /** The ARN of the queue `name`, for `consumer` (a service's name, for the error naming who asked). */
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

  /** Once every service of the stage is built: fails on a queue that is read but owned by no service. */
  assertRegistered(): void {
    const missing = [...this.#consumers.keys()].filter((name) => !this.#arns.has(name));
    if (missing.length > 0) throw new Error(missing.map((name) => this.#missing(name)).join("\n"));
  }

  #missing(name: string): string {
    const consumers = [...(this.#consumers.get(name) ?? [])].join(", ");
    return `queue ${name} (read by ${consumers}) is owned by no service of infra/lib/services.ts`;
  }
}
