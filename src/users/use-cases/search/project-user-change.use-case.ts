import type { UserChange } from "../../domain/user-change.ts";
import type { UsermodelProjection } from "../../ports/usermodel-projection.port.ts";

export interface ProjectUserChangeDeps {
  readonly projection: UsermodelProjection;
}

/** `applied`: the row now holds this version; `stale`: it already held it or a newer one; `skipped`: not for usermodel. */
export type ProjectionOutcome = "applied" | "stale" | "skipped";

/**
 * Keeps `usermodel` equal to the current USER versions. Versions are history: removing one (TTL or a
 * clean-up of old versions) says nothing about the current profile, so a removal changes nothing.
 */
export async function projectUserChange(
  deps: ProjectUserChangeDeps,
  change: UserChange,
): Promise<ProjectionOutcome> {
  if (change.kind !== "version-written") return "skipped";
  return (await deps.projection.upsert(change.user)) ? "applied" : "stale";
}

/**
 * `projectUserChange` of a whole batch at once, in one write of the projection (several versions of one
 * user included: the newest is written, the others are `stale`). Answers each change's outcome in the
 * order given; throws when the projection refuses the write (then none is known to be projected).
 */
export async function projectUserChangeBatch(
  deps: ProjectUserChangeDeps,
  changes: readonly UserChange[],
): Promise<ProjectionOutcome[]> {
  const versions = changes.flatMap((change, index) =>
    change.kind === "version-written" ? [{ index, user: change.user }] : [],
  );
  const written = await deps.projection.upsertMany(versions.map((version) => version.user));
  const outcomes = changes.map((): ProjectionOutcome => "skipped");
  versions.forEach((version, at) => {
    outcomes[version.index] = written[at] ? "applied" : "stale";
  });
  return outcomes;
}
