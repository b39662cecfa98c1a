import type { Principal } from "./principal.ts";

/**
 * Principals of tokens already verified, until the token expires or `maxAgeMs` passes, whichever is
 * first: the same trade API Gateway's authorizer cache makes (its default TTL is 300 s). Verifying an
 * ES256 signature costs far more than the rest of a read; clients send the same token many times.
 */
export class VerifiedTokenCache {
  readonly #entries = new Map<string, { principal: Principal; until: number }>();
  readonly #maxEntries: number;
  readonly #maxAgeMs: number;

  constructor(maxEntries = 10_000, maxAgeMs = 300_000) {
    this.#maxEntries = maxEntries;
    this.#maxAgeMs = maxAgeMs;
  }

  get(token: string, nowMs: number): Principal | undefined {
    const entry = this.#entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= nowMs) {
      this.#entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  set(token: string, principal: Principal, expiresAtMs: number, nowMs: number): void {
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(token, { principal, until: Math.min(expiresAtMs, nowMs + this.#maxAgeMs) });
  }
}
