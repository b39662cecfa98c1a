/**
 * Business and platform metrics (seed 004: `user.membership.unpaused`; the local event runtime's
 * `roster.deadletter.records`). Powertools Metrics writes them as CloudWatch EMF on AWS and in the local
 * process (to stdout); tests use a recording adapter.
 * A count is published when it is made (no buffer to lose when a process dies), so a record that is
 * processed again after a crash may count again: metrics are at least once.
 */
export interface Metrics {
  /** `dimensions` are added to the adapter's own (the service); keep their values few (names, not ids). */
  count(name: string, value?: number, dimensions?: Readonly<Record<string, string>>): void;
  /** A duration or an age in milliseconds (the outbox's oldest unrelayed record), published at once. */
  duration(name: string, milliseconds: number, dimensions?: Readonly<Record<string, string>>): void;
}
