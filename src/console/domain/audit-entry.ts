import type { MemberActionName } from "./member-action.ts";

/** One thing an operator did (or tried) to a member from the console, kept for the member page. */
export interface AuditEntry {
  readonly id: string;
  readonly memberId: string;
  readonly at: string;
  readonly operatorId: string;
  readonly operatorName: string;
  readonly action: MemberActionName;
  readonly reason: string;
  /** The action's own fields (a tag's name, the months of a pause, a refund's charge and amount). */
  readonly details: Readonly<Record<string, string | number | boolean>>;
  /** `done`, or `refused` with the service's status and problem title (nothing changed). */
  readonly outcome: "done" | "refused";
  readonly status: number;
  readonly problem: string | undefined;
}
