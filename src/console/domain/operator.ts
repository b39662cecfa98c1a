/**
 * The console's roles, least to most: `support` reads everything and changes nothing; `mx` (member
 * experience) acts on members (seed 000: ban, unban, investigate, reactivate, ...); `admin` also moves
 * money (refunds) and redrives dead letters. The identity provider grants them (ROLES_CLAIM).
 */
export const OPERATOR_ROLES = ["support", "mx", "admin"] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** A person signed in to the console, as their ID token named them. */
export interface Operator {
  /** The identity provider's subject: what the services' audit fields and the console's trail record. */
  readonly id: string;
  readonly name: string;
  readonly email: string | undefined;
  readonly roles: readonly OperatorRole[];
}

const RANK: Readonly<Record<OperatorRole, number>> = { support: 0, mx: 1, admin: 2 };

/** The console roles among a claim's values (anything else the provider sends is not ours and is dropped). */
export function consoleRoles(claim: unknown): OperatorRole[] {
  if (!Array.isArray(claim)) return [];
  return OPERATOR_ROLES.filter((role) => claim.includes(role));
}

/** Whether the operator holds `role` or a higher one. */
export function holds(operator: Pick<Operator, "roles">, role: OperatorRole): boolean {
  return operator.roles.some((held) => RANK[held] >= RANK[role]);
}

/** The highest role the operator holds (what the page header shows). */
export function highestRole(operator: Pick<Operator, "roles">): OperatorRole | undefined {
  return [...operator.roles].sort((a, b) => RANK[b] - RANK[a])[0];
}
