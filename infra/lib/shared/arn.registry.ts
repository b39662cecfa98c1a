/**
 * Resources of one stage by name that one service owns and others use (streams, queues): the owner
 * registers the ARN, created in its own stack or imported by the stage's settings; a user asks for the
 * ARN without knowing which stack holds the resource, or whether the stage imports it.
 *
 * A created resource's ARN is a cross-stack reference, so the user's stack deploys after the owner's,
 * and the owner's cannot drop a resource still in use. `arnOf` resolves at synth (a Lazy), so the list
 * of services needs no order even when two services use each other's resources.
 */
import { Lazy } from "aws-cdk-lib";

/** How errors name the resource and what its users and owner do with it. */
export interface ArnRegistryWords {
  /** `stream`, `queue`. */
  readonly kind: string;
  /** What a user does: `consumed by`, `read by`. */
  readonly usedBy: string;
  /** What no owner did: `is produced by no service`, `is owned by no service`. */
  readonly noOwner: string;
}

export class ArnRegistry {
  readonly #words: ArnRegistryWords;
  readonly #arns = new Map<string, string>();
  readonly #users = new Map<string, Set<string>>();

  constructor(words: ArnRegistryWords) {
    this.#words = words;
  }

  /** The resource `name` of this stage is at `arn` (its owner's stack, or the stage's import). */
  register(name: string, arn: string): void {
    if (this.#arns.has(name)) throw new Error(`${this.#words.kind} ${name} is registered twice in one stage`);
    this.#arns.set(name, arn);
  }

  /** The ARN of the resource `name`, for `user` (a service's name, for the error naming who asked). */
  arnOf(name: string, user: string): string {
    this.#users.set(name, (this.#users.get(name) ?? new Set()).add(user));
    return Lazy.string({
      produce: () => {
        const arn = this.#arns.get(name);
        if (!arn) throw new Error(this.#missing(name));
        return arn;
      },
    });
  }

  /** Once every service of the stage is built: fails on a resource used but never registered. */
  assertRegistered(): void {
    const missing = [...this.#users.keys()].filter((name) => !this.#arns.has(name));
    if (missing.length > 0) throw new Error(missing.map((name) => this.#missing(name)).join("\n"));
  }

  #missing(name: string): string {
    const users = [...(this.#users.get(name) ?? [])].join(", ");
    const { kind, usedBy, noOwner } = this.#words;
    return `${kind} ${name} (${usedBy} ${users}) ${noOwner} of infra/lib/services.ts`;
  }
}
