import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env.ts";

type Json = Record<string, unknown>;

/** A tag of the document: every operation's tags are defined, with what they group. */
export interface DocumentTag {
  readonly name: string;
  readonly description: string;
}

export interface DocumentInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
  readonly tags: readonly DocumentTag[];
}

/** Who keeps Roster and under what terms: the same for every service's documents. */
export const ROSTER_CONTACT = { name: "Roster maintainers", url: "https://roster.dev" } as const;
export const ROSTER_LICENSE = { name: "Apache License 2.0", identifier: "Apache-2.0" } as const;

/** Where the API is served: the local process, or a stage of the service's API Gateway REST API. */
export const ROSTER_SERVERS = [
  { url: "http://localhost:3000", description: "The local process (`npm start`; `PORT` changes the port)" },
  {
    url: "https://{apiId}.execute-api.{region}.amazonaws.com/{stage}",
    description: "A stage of the service's API Gateway REST API on AWS",
    variables: {
      apiId: { default: "api-id", description: "The REST API's id (the stack's output)" },
      region: { default: "us-east-1", description: "The AWS region of the stage" },
      stage: { default: "prod", description: "The deployment stage" },
    },
  },
] as const;

const OPERATIONS = ["get", "put", "post", "delete", "patch"] as const;
// The generated document's Problem schema (every route's problem answers already use it).
const problemContent = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };

/**
 * The answers the shared base gives on every route, whatever the route: a body over the limit (413)
 * and a body that is not JSON (415) wherever a route reads one. The base answers them before the
 * route runs, so each route does not list them itself.
 */
function withEdgeAnswers(document: Json, maxBodyBytes: number): Json {
  for (const item of Object.values((document.paths as Json | undefined) ?? {}) as Json[])
    for (const method of OPERATIONS) {
      const operation = item[method] as Json | undefined;
      if (!operation?.requestBody) continue;
      operation.responses = {
        ...(operation.responses as Json),
        413: { description: `The body is over ${maxBodyBytes} bytes`, content: problemContent },
        415: { description: "The body is not `application/json`", content: problemContent },
      };
    }
  return document;
}

/** The service's OpenAPI 3.1 document, as `/openapi.json` serves it: generated once, on first use. */
export function openApiDocument(
  app: OpenAPIHono<AppEnv>,
  info: DocumentInfo,
  maxBodyBytes: number,
): () => Json {
  let document: Json | undefined;
  return () => {
    document ??= withEdgeAnswers(
      app.getOpenAPI31Document({
        openapi: "3.1.0",
        info: {
          title: info.title,
          version: info.version,
          description: info.description,
          contact: { ...ROSTER_CONTACT },
          license: { ...ROSTER_LICENSE },
        },
        servers: ROSTER_SERVERS.map((server) => ({ ...server })),
        tags: info.tags.map((tag) => ({ ...tag })),
      }) as unknown as Json,
      maxBodyBytes,
    );
    return document;
  };
}
