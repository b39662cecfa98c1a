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
