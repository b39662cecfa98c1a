/** The console's name in its resources (`dev-console-backend`, `dev-console-mx`) and in Powertools. */
import { type StageConfig, serviceName } from "../shared/stage.config.ts";
import type { OperatorRoleName } from "./operator-routes.ts";

export const CONSOLE_SERVICE = "console";

/** `{stage}-console-{suffix}`. */
export function consoleName(config: Pick<StageConfig, "stage">, suffix: string): string {
  return serviceName(config, CONSOLE_SERVICE, suffix);
}

/**
 * `{stage}-console-<role>`: fixed, so each service's API can map the role's sessions (`operator:*` in
 * IAM_PRINCIPALS) by name before the role exists, without a reference back to the console's stacks.
 */
export function operatorRoleName(config: Pick<StageConfig, "stage">, role: OperatorRoleName): string {
  return consoleName(config, role);
}
