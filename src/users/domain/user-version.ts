import type { Tag, User, UserProfile } from "./user.ts";

/** Profile fields a PATCH may change; `null` clears an optional one. The email cannot be cleared. */
export type ProfilePatch = {
  readonly [K in Exclude<keyof UserProfile, "user_phone" | "user_email">]?: UserProfile[K] | null;
} & { readonly user_email?: string };

/** Who a caller is on the versions it writes: `user` for the user themself, else `<kind>:<id>`. */
export function actorOf(caller: { readonly kind: string; readonly id: string }): string {
  return caller.kind === "user" ? "user" : `${caller.kind}:${caller.id}`;
}

/**
 * The version after `previous`, written by `by` (actorOf): its `user_date_updated` is strictly later
 * than the previous one's, even when the clock stands still or runs behind, so versions stay ordered
 * and distinct.
 */
export function nextVersion(previous: User, changes: Partial<User>, now: Date, by: string): User {
  const after = Math.max(now.getTime(), Date.parse(previous.user_date_updated) + 1);
  return { ...previous, ...changes, user_date_updated: new Date(after).toISOString(), user_updated_by: by };
}

/** Applies a patch; returns undefined when it changes nothing (no new version is written then). */
export function applyProfilePatch(
  previous: User,
  patch: ProfilePatch,
  now: Date,
  by: string,
): User | undefined {
  const next: Record<string, unknown> = { ...previous };
  let changed = false;
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = (previous as unknown as Record<string, unknown>)[field];
    if (value === null ? current === undefined : current === value) continue;
    changed = true;
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return changed ? nextVersion(next as unknown as User, {}, now, by) : undefined;
}

/** The user with `tag` set in its denormalized tags map, as a new version by `by`. */
export function withTag(previous: User, tag: Tag, now: Date, by: string): User {
  return nextVersion(previous, { tags: { ...previous.tags, [tag.tag_name]: tag } }, now, by);
}
