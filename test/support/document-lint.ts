import spectralCore from "@stoplight/spectral-core";
import spectralParsers from "@stoplight/spectral-parsers";
import spectralRulesets from "@stoplight/spectral-rulesets";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const { Spectral, Document } = spectralCore;

/**
 * The rules of Spectral's own rulesets Roster turns off, each with why. Everything else runs at its
 * ruleset's severity, and a test wants no error and no warning.
 */
const OFF: Record<"oas" | "asyncapi", Record<string, string>> = {
  oas: {},
  asyncapi: {
    // Roster publishes no mailbox: the contact is the project's address (`url`), as in the OpenAPI documents.
    "asyncapi-info-contact-properties": "no email address is published",
  },
};

export interface Finding {
  readonly rule: string;
  readonly severity: "error" | "warning" | "info" | "hint";
  readonly where: string;
  readonly message: string;
}

const SEVERITIES = ["error", "warning", "info", "hint"] as const;

/** Lints a document with Spectral's `oas` or `asyncapi` ruleset, as `spectral lint` would. */
export async function lintDocument(document: unknown, ruleset: "oas" | "asyncapi"): Promise<Finding[]> {
  const spectral = new Spectral();
  const base = spectralRulesets[ruleset];
  spectral.setRuleset({
    extends: [[base, "recommended"]],
    rules: Object.fromEntries(Object.keys(OFF[ruleset]).map((rule) => [rule, "off"])),
  } as never);
  const results = await spectral.run(new Document(JSON.stringify(document, null, 2), spectralParsers.Json));
  return results.map((r) => ({
    rule: String(r.code),
    severity: SEVERITIES[r.severity] ?? "hint",
    where: r.path.join("."),
    message: r.message,
  }));
}

type Json = Record<string, unknown>;

/** An example found in a document, with the schema it must match. */
export interface Example {
  readonly where: string;
  readonly schema: unknown;
  readonly value: unknown;
}

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

/** The examples a schema and the schemas inside it carry (`example`, and `examples` as 3.1 has it: a list). */
function schemaExamples(schema: Json, where: string, found: Example[]): void {
  if ("example" in schema) found.push({ where: `${where}.example`, schema, value: schema.example });
  if (Array.isArray(schema.examples))
    for (const [i, value] of schema.examples.entries())
      found.push({ where: `${where}.examples.${i}`, schema, value });
  const children: [string, unknown][] = [
    ...Object.entries((schema.properties as Json | undefined) ?? {}).map(
      ([name, child]) => [`properties.${name}`, child] as [string, unknown],
    ),
    ["items", schema.items],
    ["additionalProperties", schema.additionalProperties],
    ...(["anyOf", "oneOf", "allOf", "prefixItems"] as const).flatMap((key) =>
      ((schema[key] as unknown[] | undefined) ?? []).map(
        (child, i) => [`${key}.${i}`, child] as [string, unknown],
      ),
    ),
  ];
  for (const [key, child] of children)
    if (child !== null && typeof child === "object") schemaExamples(child as Json, `${where}.${key}`, found);
}

/** A media type's examples (`example`, `examples.*.value`) against its schema, and its schema's own. */
function contentExamples(content: Json | undefined, where: string, found: Example[]): void {
  for (const [type, media] of Object.entries(content ?? {}) as [string, Json][]) {
    const schema = media.schema as Json | undefined;
    if (!schema) continue;
    schemaExamples(schema, `${where}.${type}.schema`, found);
    if ("example" in media) found.push({ where: `${where}.${type}.example`, schema, value: media.example });
    for (const [name, example] of Object.entries((media.examples as Json | undefined) ?? {}))
      found.push({ where: `${where}.${type}.examples.${name}`, schema, value: (example as Json).value });
  }
}

/**
 * Every example of an OpenAPI 3.1 document, with the schema it illustrates: the components' schemas,
 * and each operation's parameters, request body and responses.
 */
export function openApiExamples(document: Json): Example[] {
  const found: Example[] = [];
  const components = (document.components as Json | undefined) ?? {};
  for (const [name, schema] of Object.entries((components.schemas as Json | undefined) ?? {}))
    schemaExamples(schema as Json, `components.schemas.${name}`, found);
  for (const [path, item] of Object.entries((document.paths as Json | undefined) ?? {}) as [string, Json][])
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const where = `paths.${path}.${method}`;
      for (const parameter of (operation.parameters as Json[] | undefined) ?? []) {
        const schema = parameter.schema as Json | undefined;
        if (!schema) continue;
        schemaExamples(schema, `${where}.parameters.${parameter.name}.schema`, found);
        if ("example" in parameter)
          found.push({
            where: `${where}.parameters.${parameter.name}.example`,
            schema,
            value: parameter.example,
          });
      }
      const body = operation.requestBody as Json | undefined;
      contentExamples(body?.content as Json | undefined, `${where}.requestBody.content`, found);
      for (const [status, response] of Object.entries((operation.responses as Json | undefined) ?? {}))
        contentExamples(
          (response as Json).content as Json | undefined,
          `${where}.responses.${status}.content`,
          found,
        );
    }
  return found;
}

/** Validates examples against their schemas with Ajv (draft 2020-12, OpenAPI 3.1's dialect), refs resolved in the document. */
export function invalidOpenApiExamples(document: Json): string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...document, $id: "doc" }, "doc");
  const resolve = (schema: unknown) =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));
  return openApiExamples(document).flatMap(({ where, schema, value }) => {
    const validate = ajv.compile(resolve(schema) as object);
    return validate(value) ? [] : [`${where}: ${ajv.errorsText(validate.errors)}`];
  });
}

/** Every message example of an AsyncAPI 3 document against its payload schema (draft 07, AsyncAPI's default). */
export function invalidAsyncApiExamples(document: Json): { checked: number; invalid: string[] } {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  let checked = 0;
  const invalid: string[] = [];
  const messages = ((document.components as Json | undefined)?.messages ?? {}) as Record<string, Json>;
  for (const [id, message] of Object.entries(messages)) {
    const validate = ajv.compile(message.payload as object);
    for (const example of (message.examples as { name?: string; payload: unknown }[] | undefined) ?? []) {
      checked += 1;
      if (!validate(example.payload))
        invalid.push(`${id}.${example.name ?? "example"}: ${ajv.errorsText(validate.errors)}`);
    }
  }
  return { checked, invalid };
}
