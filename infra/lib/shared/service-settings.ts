/**
 * What a service reads from `stages.<stage>` beside the common settings (stage.config.ts): its keys as a
 * zod shape, flat at the top level of the stage's settings as deployers write them, the defaults it
 * decides from the stage, and placeholder values for `allowPlaceholders`. Each service declares its own in
 * `infra/lib/<svc>/<svc>.settings.ts`; stage.settings.ts composes them into the stage's one schema.
 */
import { z } from "zod";
import { type StageConfig, settingsError } from "./stage.config.ts";

type Json = Record<string, unknown>;

export interface ServiceSettings<Settings = unknown> {
  /** The service's keys of `stages.<stage>`; a key another service also declares must be the same schema. */
  readonly shape: z.ZodRawShape;
  /** Values that synthesize but deploy nothing (`.invalid` hosts, placeholders.ts's account). */
  readonly placeholders: Json;
  /** The service's settings, defaults decided, from a stage's input that passed the composed schema. */
  readonly read: (input: Json, config: StageConfig) => Settings;
}

/** What a service's stacks read: the common settings and the service's own, side by side as in cdk.json. */
export type ServiceConfig<Settings> = StageConfig & Settings;

/** The config a service's settings give its stacks (`ConfigOf<typeof userSettings>`). */
export type ConfigOf<T> = T extends ServiceSettings<infer Settings> ? ServiceConfig<Settings> : never;

type Parsed<Shape extends z.ZodRawShape> = z.output<z.ZodObject<Shape, z.core.$strict>>;

export interface SettingsDeclaration<Shape extends z.ZodRawShape, Settings> {
  readonly shape: Shape;
  /** The values `allowPlaceholders` fills in for the keys a stage leaves out; none by default. */
  readonly placeholders?: Json;
  /** Defaults that depend on the stage (e.g. a secret named after it); without it, the parsed values. */
  readonly resolve: (parsed: Parsed<Shape>, config: StageConfig) => Settings;
}

/** A service's settings: its shape is parsed with its own schema, so its stacks read them typed. */
export function serviceSettings<Shape extends z.ZodRawShape, Settings>(
  declaration: SettingsDeclaration<Shape, Settings>,
): ServiceSettings<Settings>;
export function serviceSettings<Shape extends z.ZodRawShape>(
  declaration: Omit<SettingsDeclaration<Shape, unknown>, "resolve">,
): ServiceSettings<Parsed<Shape>>;
export function serviceSettings<Shape extends z.ZodRawShape>(
  declaration: Omit<SettingsDeclaration<Shape, unknown>, "resolve"> & {
    readonly resolve?: SettingsDeclaration<Shape, unknown>["resolve"];
  },
): ServiceSettings {
  const schema = z.strictObject(declaration.shape);
  return {
    shape: declaration.shape,
    placeholders: declaration.placeholders ?? {},
    read(input, config) {
      const result = schema.safeParse(pickShape(input, declaration.shape));
      // The composed schema already accepted these values: this fails only if the two disagree.
      if (!result.success) throw settingsError(config.stage, result.error.issues);
      return declaration.resolve ? declaration.resolve(result.data, config) : result.data;
    },
  };
}

const SECTIONS = new WeakMap<z.core.$ZodType, z.ZodRawShape>();

/**
 * An object of `stages.<stage>` that several services fill, each with keys of its own (`streams`: every
 * producer adds the stream it lets a stage import). The stage's schema merges the sections declared under
 * one key, key by key; it may be left out, as `{}`.
 */
export function section<Shape extends z.ZodRawShape>(shape: Shape) {
  const schema = z.preprocess((value) => (value === undefined ? {} : value), z.strictObject(shape));
  SECTIONS.set(schema, shape);
  return schema;
}

/** The keys of a section (what `section()` was given), or undefined for any other schema. */
export function sectionShape(schema: z.core.$ZodType): z.ZodRawShape | undefined {
  return SECTIONS.get(schema);
}

/** The part of a stage's input a shape declares; within a section, only the section's own keys. */
function pickShape(input: Json, shape: z.ZodRawShape): Json {
  const picked: Json = {};
  for (const [key, schema] of Object.entries(shape)) {
    if (!(key in input)) continue;
    const inner = sectionShape(schema);
    const value = input[key];
    picked[key] = inner && isObject(value) ? pickShape(value, inner) : value;
  }
  return picked;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
