import type { Clock } from "../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../platform/time/id-generator.port.ts";
import type { AuditTrailRepository } from "../ports/audit-trail.repository.ts";
import type { CatalogueSource } from "../ports/catalogue-source.port.ts";
import type { ConsoleSessionRepository } from "../ports/console-session.repository.ts";
import type { DashboardSource } from "../ports/dashboard-source.port.ts";
import type { DeadLetterBox } from "../ports/dead-letter-box.port.ts";
import type { MemberActions } from "../ports/member-actions.port.ts";
import type { MemberDirectory } from "../ports/member-directory.port.ts";
import type { OperatorSignIn } from "../ports/operator-sign-in.port.ts";
import type { StreamReader } from "../ports/stream-reader.port.ts";

/** Everything the console's use cases reach, given by wiring/ (local or AWS) and by the tests. */
export interface ConsoleDeps {
  readonly sessions: ConsoleSessionRepository;
  readonly audit: AuditTrailRepository;
  readonly directory: MemberDirectory;
  readonly actions: MemberActions;
  readonly signIn: OperatorSignIn;
  readonly streams: StreamReader;
  readonly deadLetters: DeadLetterBox;
  readonly catalogue: CatalogueSource;
  /** The services' reports the dashboard draws. */
  readonly dashboard: DashboardSource;
  /** The streams the console tails, by short name (`users`, `payments`, `subscriptions`). */
  readonly streamNames: readonly string[];
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Unguessable tokens (session ids, CSRF tokens): 256 random bits, never the ids of `ids`. */
  readonly secretTokens: () => string;
  /** How long a session lasts from sign-in (ConsoleConfig.CONSOLE_SESSION_HOURS). */
  readonly sessionHours: number;
}
