import type { AppEnv } from "../../platform/http/app-env.ts";
import type { ConsoleSession } from "../ports/console-session.repository.ts";

/** A console request's variables: the platform's, and the operator's session once it is read. */
export interface ConsoleEnv {
  Variables: AppEnv["Variables"] & { session: ConsoleSession | undefined };
}
