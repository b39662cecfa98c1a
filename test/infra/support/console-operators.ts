/** What every API the console calls maps for its three operator roles (infra/lib/console/console.service.ts). */
export function consoleOperatorPrincipals(stage: string, account = "111111111111"): Record<string, string> {
  return Object.fromEntries(
    ["admin", "mx", "support"].map((role) => [
      `arn:aws:sts::${account}:assumed-role/${stage}-console-${role}/`,
      "operator:*",
    ]),
  );
}
