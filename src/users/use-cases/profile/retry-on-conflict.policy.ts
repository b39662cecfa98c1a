import { ConcurrentUpdateError } from "../../domain/user.errors.ts";

/** How many times a change is re-applied to a newer version before the caller gets 409. */
export const VERSION_ATTEMPTS = 3;

/**
 * Runs load-decide-write again when another request wrote a new version in between: the change is
 * re-applied to that version, so neither write is lost. After VERSION_ATTEMPTS the 409 goes out.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || n >= VERSION_ATTEMPTS) throw error;
    }
  }
}
