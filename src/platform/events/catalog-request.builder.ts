import type * as z from "zod";
import { examplesOf, payloadOf } from "./asyncapi.builder.ts";
import type { CatalogRequest } from "./asyncapi-catalog.ts";

/**
 * A command or query a service receives over HTTP, from the zod schemas its routes validate with (the
 * ones the OpenAPI document is made of): what the catalogue needs of it besides its name.
 */
export interface RequestSpec {
  readonly id: string;
  readonly version: string;
  readonly type: CatalogRequest["type"];
  readonly summary: string;
  readonly method: CatalogRequest["method"];
  readonly path: string;
  readonly callers: readonly string[];
  /** The body (a command's), or the path parameters (a query's), with its examples in `meta`. */
  readonly request: z.ZodType;
  readonly answer: { readonly status: number; readonly schema: z.ZodType };
}

/**
 * The catalogue's view of a request: JSON schema made as the AsyncAPI documents make theirs
 * (`payloadOf`, draft 07), so a command on HTTP and an event on a stream read alike.
 */
export function catalogRequest(spec: RequestSpec): CatalogRequest {
  return {
    id: spec.id,
    version: spec.version,
    type: spec.type,
    summary: spec.summary,
    method: spec.method,
    path: spec.path,
    callers: spec.callers,
    schema: payloadOf(spec.request),
    examples: examplesOf(spec.request, ["request"]),
    answer: {
      status: spec.answer.status,
      schema: payloadOf(spec.answer.schema),
      examples: examplesOf(spec.answer.schema, ["answer"]),
    },
  };
}
