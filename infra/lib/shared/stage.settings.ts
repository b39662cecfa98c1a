/**
 * One stage's settings, composed from the services that run in it: `stages.<stage>` is checked against
 * the common keys (stage.config.ts) and every listed service's (RosterService.settings), side by side at
 * its top level as deployers write it, strictly (a key nobody declares is refused), so a missing or
 * malformed value fails the synth with the context key that holds it. Each service's stacks then read
 * their own part, typed, with `settingsOf`.
 *
 * A key declared twice must be the same schema (one both take from shared/), or sections of one object
 * (`section`, e.g. `streams`) merged key by key; anything else stops the synth naming both declarations.
 */
import { z } from "zod";
import type { RosterService } from "./roster-service.ts";
import { type ServiceConfig, type ServiceSettings, section, sectionShape } from "./service-settings.ts";
import {
  commonSettingsShape,
  commonStageConfig,
  type StageConfig,
  StageConfigError,
  settingsError,
  stageNameSchema,
} from "./stage.config.ts";

type Json = Record<string, unknown>;

interface Declaration {
  /** Who declares it: a service's name, or COMMON. */
  readonly owner: string;
  readonly shape: z.ZodRawShape;
}

const COMMON = "the common settings (infra/lib/shared/stage.config.ts)";

/** The schema of `stages.<stage>` for these services. */
export function stageSchema(services: readonly RosterService[]): z.ZodObject {
  const declarations: Declaration[] = [{ owner: COMMON, shape: commonSettingsShape }];
  for (const service of services) {
    if (service.settings) declarations.push({ owner: service.name, shape: service.settings.shape });
  }
  return z.strictObject(composeShapes(declarations, []));
}

/** Checks `stages.<stage>` against the services' composed schema; the common settings, defaults decided. */
export function parseStageConfig(
  stage: string,
  raw: unknown,
  services: readonly RosterService[],
): StageConfig {
  const name = stageNameSchema.safeParse(stage);
  if (!name.success)
    throw new StageConfigError(`context stage: "${stage}" is not ${name.error.issues[0]?.message}`);
  const result = stageSchema(services).safeParse(raw);
  if (!result.success) throw settingsError(stage, result.error.issues);
  const input = isObject(raw) ? raw : {};
  const config = commonStageConfig(stage, input);
  CHECKED.set(config, { input, settings: new Set(services.flatMap((service) => service.settings ?? [])) });
  return config;
}

/**
 * A service's view of a stage: the common settings and the service's own, read with its own schema (so
 * typed by it) from the input that passed the stage's. `config` is what parseStageConfig returned.
 */
export function settingsOf<Settings>(
  settings: ServiceSettings<Settings>,
  config: StageConfig,
): ServiceConfig<Settings> {
  const checked = CHECKED.get(config);
  if (!checked) {
    throw new StageConfigError(
      `stage ${config.stage}: settingsOf reads the config parseStageConfig returned, not a copy of it`,
    );
  }
  if (!checked.settings.has(settings)) {
    throw new StageConfigError(
      `stage ${config.stage}: the settings ${Object.keys(settings.shape).join(", ")} are no listed service's (RosterService.settings)`,
    );
  }
  return { ...config, ...settings.read(checked.input, config) };
}

/** Each parsed stage's input and the settings it was checked against, for settingsOf. */
const CHECKED = new WeakMap<StageConfig, { readonly input: Json; readonly settings: Set<ServiceSettings> }>();

function composeShapes(declarations: readonly Declaration[], path: readonly string[]): z.ZodRawShape {
  const byKey = new Map<string, { owner: string; schema: z.core.$ZodType }[]>();
  for (const { owner, shape } of declarations) {
    for (const [key, schema] of Object.entries(shape)) {
      byKey.set(key, [...(byKey.get(key) ?? []), { owner, schema }]);
    }
  }
  return Object.fromEntries(
    [...byKey].map(([key, declared]) => [key, composeKey([...path, key], declared)] as const),
  );
}

function composeKey(
  path: readonly string[],
  declared: readonly { owner: string; schema: z.core.$ZodType }[],
): z.core.$ZodType {
  const [first, ...others] = declared;
  const differing = others.find((other) => other.schema !== first!.schema);
  if (!differing) return first!.schema;
  const sections: Declaration[] = [];
  for (const { owner, schema } of declared) {
    const shape = sectionShape(schema);
    if (!shape) {
      throw new StageConfigError(
        `stages.<stage>.${path.join(".")} is declared differently by ${first!.owner} and ${differing.owner}: give the key one owner, or declare it with one schema from infra/lib/shared/`,
      );
    }
    sections.push({ owner, shape });
  }
  return section(composeShapes(sections, path));
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
