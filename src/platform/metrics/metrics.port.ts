/**
 * Business metrics (seed 004: `user.membership.unpaused`). Powertools Metrics writes them as CloudWatch
 * EMF on AWS and in the local process (to stdout); tests use a recording adapter.
 * A count is published when it is made (no buffer to lose when a process dies), so a record that is
 * processed again after a crash may count again: metrics are at least once.
 */
export interface Metrics {
  count(name: string, value?: number): void;
}
