/**
 * The configuration table of a service: every environment variable its functions parse, from their zod
 * schemas (the rule from the schema's checks, the text from its `.describe()`), one row per variable
 * with the functions that read it.
 */
import type * as z from "zod";
import { code, table } from "./markdown.ts";

/** What one function parses at cold start, by the name the README uses for the function. */
export type FunctionSchemas = Readonly<Record<string, z.ZodObject>>;

interface Variable {
  readonly name: string;
  readonly presence: string;
  readonly value: string;
  readonly description: string;
}

export function configTable(functions: FunctionSchemas): string {
  const rows = new Map<string, { variable: Variable; readBy: string[] }>();
  for (const [fn, schema] of Object.entries(functions)) {
    for (const [name, field] of Object.entries(schema.shape)) {
      const variable = describeVariable(name, field as z.ZodType);
      const key = JSON.stringify(variable);
      const row = rows.get(key) ?? { variable, readBy: [] };
      row.readBy.push(fn);
      rows.set(key, row);
    }
  }
  const everyone = Object.keys(functions).length;
  return table(
    ["variable", "read by", "required / default", "value", "description"],
    [...rows.values()].map(({ variable, readBy }) => [
      code(variable.name),
      readBy.length === everyone ? "all" : readBy.join(", "),
      variable.presence,
      variable.value,
      variable.description,
    ]),
  );
}

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { def: Def }).def;

/** Peels optional, default and pipe wrappers (the input side of a pipe is what the variable holds). */
export function describeVariable(name: string, schema: z.ZodType): Variable {
  const description = schema.description;
  if (!description) throw new Error(`${name} has no description: give its schema a .describe("...")`);
  let presence = "required";
  let transformed = false;
  let current: unknown = schema;
  for (;;) {
    const def = defOf(current);
    if (def.type === "optional") {
      if (presence === "required") presence = "optional";
      current = def.innerType;
    } else if (def.type === "default") {
      presence = `default ${code(String(def.defaultValue))}`;
      current = def.innerType;
    } else if (def.type === "pipe") {
      transformed = defOf(def.out).type === "transform";
      current = def.in;
    } else break;
  }
  const value = ruleOf(name, defOf(current));
  return {
    name,
    presence,
    value: transformed ? `${value}, then parsed (see description)` : value,
    description,
  };
}

function ruleOf(name: string, def: Def): string {
  if (def.type === "enum")
    return `one of ${Object.values(def.entries as object)
      .map(String)
      .map(code)
      .join(", ")}`;
  if (def.type === "string") return stringValue(name, def);
  if (def.type === "number") return numberValue(name, def);
  throw new Error(`${name}: cannot describe a ${def.type} variable; teach scripts/docs/config-table.ts`);
}

type Check = { check: string; [key: string]: unknown };
const checksOf = (def: Def): Check[] =>
  ((def.checks as { _zod: { def: Check } }[] | undefined) ?? []).map((c) => c._zod.def);

function stringValue(name: string, def: Def): string {
  // z.url() and z.hostname() keep their format on the schema itself; z.string().regex() in a check.
  const checks = def.format ? [def as unknown as Check, ...checksOf(def)] : checksOf(def);
  const parts: string[] = [];
  let min = 0;
  let max: number | undefined;
  for (const check of checks) {
    if (check.check === "string_format" && check.format === "url") parts.push(urlValue(check.protocol));
    else if (check.check === "string_format" && check.format === "hostname") parts.push("host name");
    else if (check.check === "string_format" && check.format === "email") parts.push("email address");
    else if (check.check === "string_format" && check.format === "regex")
      parts.push(`matching ${code(String(check.pattern))}`);
    else if (check.check === "min_length") min = Number(check.minimum);
    else if (check.check === "max_length") max = Number(check.maximum);
    else
      throw new Error(
        `${name}: cannot describe the check ${check.check}; teach scripts/docs/config-table.ts`,
      );
  }
  if (max !== undefined) parts.push(`${min} to ${max} characters`);
  else if (min === 1 && parts.length === 0) parts.push("non-empty");
  else if (min > 1) parts.push(`at least ${min} characters`);
  return parts.join(", ") || "text";
}

function urlValue(protocol: unknown): string {
  if (!(protocol instanceof RegExp)) return "URL";
  const scheme = /^\^([a-z]+)\$$/.exec(protocol.source)?.[1];
  return scheme ? `${scheme} URL` : `URL, scheme matching ${code(String(protocol))}`;
}

function numberValue(name: string, def: Def): string {
  let kind = "number";
  let low: Check | undefined;
  let high: Check | undefined;
  for (const check of checksOf(def)) {
    if (check.check === "number_format" && check.format === "safeint") kind = "integer";
    else if (check.check === "greater_than") low = check;
    else if (check.check === "less_than") high = check;
    else
      throw new Error(
        `${name}: cannot describe the check ${check.check}; teach scripts/docs/config-table.ts`,
      );
  }
  if (low?.inclusive && high?.inclusive) return `${kind}, ${grouped(low.value)} to ${grouped(high.value)}`;
  const bounds = [
    ...(low ? [`${low.inclusive ? "at least" : "more than"} ${grouped(low.value)}`] : []),
    ...(high ? [`${high.inclusive ? "at most" : "less than"} ${grouped(high.value)}`] : []),
  ];
  return [kind, ...bounds].join(", ");
}

const grouped = (value: unknown) => Number(value).toLocaleString("en-US");
