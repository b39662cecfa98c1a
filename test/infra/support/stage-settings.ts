/**
 * The stage settings functions with the services of infra/lib/services.ts, as the app calls them: a
 * stage's schema is composed from the services that run in it.
 */
import { SERVICES } from "../../../infra/lib/services.ts";
import type { StageConfig } from "../../../infra/lib/shared/stage.config.ts";
import * as stageContext from "../../../infra/lib/shared/stage.context.ts";
import * as stageSettings from "../../../infra/lib/shared/stage.settings.ts";

export function parseStageConfig(stage: string, raw: unknown): StageConfig {
  return stageSettings.parseStageConfig(stage, raw, SERVICES);
}

export function placeholderSettings(): Record<string, unknown> {
  return stageContext.placeholderSettings(SERVICES);
}
