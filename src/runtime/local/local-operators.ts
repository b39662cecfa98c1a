/** A person the local sign-in page (`/local/oidc`) lets in, with the console roles it grants them. */
export interface LocalOperator {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly string[];
}

/**
 * The named local operators, one per console role (src/console/README.md, "Roles"): locally there is
 * no password, the page is the local process's own and answers only on the machine that runs it.
 */
export const LOCAL_OPERATORS: readonly LocalOperator[] = [
  { id: "ada", name: "Ada Okafor", email: "ada@operators.roster.local", roles: ["admin"] },
  { id: "grace", name: "Grace Liu", email: "grace@operators.roster.local", roles: ["mx"] },
  { id: "sam", name: "Sam Rivera", email: "sam@operators.roster.local", roles: ["support"] },
];
