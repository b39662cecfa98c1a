/**
 * Which stages to build and with which settings, from the CDK context:
 * - `stage`: one stage (`--context stage=dev`); without it every stage of `stages` is built, which is
 *   how `npm run synth` checks them all. `requireStage=true` (set by `npm run deploy`) refuses that.
 * - `stages`: stage -> settings (cdk.json, or a JSON string on the command line);
 *   `stagesFile`: a JSON file of the same shape merged over it key by key, to keep a team's values out
 *   of the repository.
 * - `allowPlaceholders=true` (set by `npm run synth` and the tests): values a stage lacks come from
 *   `placeholderSettings`; without it a placeholder value anywhere is refused, so nothing deploys one.
 * The settings are checked against the schema composed from the services (stage.settings.ts).
 */
import { readFileSync } from "node:fs";
import type { Node } from "constructs";
import { COMMON_PLACEHOLDERS, isPlaceholder } from "./placeholders.ts";
import type { RosterService } from "./roster-service.ts";
import { type StageConfig, StageConfigError } from "./stage.config.ts";
import { parseStageConfig } from "./stage.settings.ts";

type Json = Record<string, unknown>;

export function stageConfigsFromContext(node: Node, services: readonly RosterService[]): StageConfig[] {
  const stages = mergeOver(objectContext(node, "stages"), stagesFile(node));
  const chosen = node.tryGetContext("stage") as string | undefined;
  if (!chosen && flag(node, "requireStage")) {
    throw new StageConfigError("context stage is required: npm run deploy -- --context stage=dev");
  }
  const names = chosen ? [String(chosen)] : Object.keys(stages);
  if (names.length === 0) {
    throw new StageConfigError("context stages: no stage is configured (see infra/README.md)");
  }
  const placeholders = flag(node, "allowPlaceholders");
  return names.map((stage) => {
    const raw = stages[stage];
    if (raw === undefined && !placeholders) {
      throw new StageConfigError(
        `context stages.${stage} is missing: add the stage's settings (infra/README.md)`,
      );
    }
    if (!placeholders) refusePlaceholders(`stages.${stage}`, raw);
    const settings = placeholders ? mergeOver(placeholderSettings(services), raw ?? {}) : raw;
    return parseStageConfig(stage, settings, services);
  });
}

/** The common placeholders and every service's, for the keys a stage leaves out. */
export function placeholderSettings(services: readonly RosterService[]): Json {
  let merged: Json = { ...COMMON_PLACEHOLDERS };
  for (const service of services) merged = mergeOver(merged, service.settings?.placeholders);
  return merged;
}

function refusePlaceholders(path: string, value: unknown): void {
  if (typeof value === "string" && isPlaceholder(value)) {
    throw new StageConfigError(
      `context ${path} is a placeholder ("${value}"): set the team's value, or synth with --context allowPlaceholders=true`,
    );
  }
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) refusePlaceholders(`${path}.${key}`, inner);
  }
}

/** `over` wins; nested objects are merged key by key (arrays and scalars are replaced). */
function mergeOver(base: Json, over: unknown): Json {
  if (!isObject(over)) return base;
  const merged: Json = { ...base };
  for (const [key, value] of Object.entries(over)) {
    merged[key] = isObject(value) && isObject(base[key]) ? mergeOver(base[key] as Json, value) : value;
  }
  return merged;
}

function objectContext(node: Node, key: string): Json {
  const value = node.tryGetContext(key) as unknown;
  if (value === undefined) return {};
  const parsed = typeof value === "string" ? parseJson(`context ${key}`, value) : value;
  if (!isObject(parsed)) throw new StageConfigError(`context ${key}: an object of stage name -> settings`);
  return parsed;
}

function stagesFile(node: Node): Json {
  const file = node.tryGetContext("stagesFile") as string | undefined;
  if (!file) return {};
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new StageConfigError(`context stagesFile: cannot read ${file} (${(error as Error).message})`);
  }
  const parsed = parseJson(`context stagesFile (${file})`, text);
  if (!isObject(parsed)) throw new StageConfigError(`context stagesFile: ${file} holds no object of stages`);
  return parsed;
}

function parseJson(what: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StageConfigError(`${what}: not JSON (${(error as Error).message})`);
  }
}

function flag(node: Node, key: string): boolean {
  const value = node.tryGetContext(key) as unknown;
  return value === true || value === "true";
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
