import * as eventcatalog from "@eventcatalog/sdk";
import type { CatalogEvent, MessageType, ReceivedRequest } from "./model.ts";

// The SDK's `types` condition points at its CommonJS declarations, so tsc reads the default import as
// the whole module; Node loads dist/index.mjs, whose default export is the `utils(path)` function.
export const utils = eventcatalog.default as unknown as typeof eventcatalog.default.default;
export type Sdk = ReturnType<typeof utils>;

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const either = new Intl.ListFormat("en", { type: "disjunction" });

type File = { readonly fileName: string; readonly content: string };

/** The SDK has one set of functions per kind of message, alike but for the folder they write to. */
function writersOf(sdk: Sdk, type: MessageType) {
  const schemaOf = (file: File) => ({ fileName: file.fileName, schema: file.content });
  switch (type) {
    case "event":
      return {
        write: sdk.writeEvent,
        schema: (id: string, file: File, version: string) =>
          sdk.addSchemaToEvent(id, schemaOf(file), version),
        example: sdk.addExampleToEvent,
      };
    case "command":
      return {
        write: sdk.writeCommand,
        schema: (id: string, file: File, version: string) =>
          sdk.addSchemaToCommand(id, schemaOf(file), version),
        example: sdk.addExampleToCommand,
      };
    case "query":
      return {
        write: sdk.writeQuery,
        schema: (id: string, file: File, version: string) =>
          sdk.addSchemaToQuery(id, schemaOf(file), version),
        example: sdk.addExampleToQuery,
      };
  }
}

/**
 * A message of a channel (an event, or a command a queue carries) with its JSON schema and examples.
 * `versionExistingContent` moves an older version already written under `versioned/`.
 */
export async function writeChannelMessage(sdk: Sdk, event: CatalogEvent, versionExistingContent: boolean) {
  const writers = writersOf(sdk, event.type);
  await writers.write(
    {
      id: event.id,
      name: event.id,
      version: event.version,
      summary: event.summary,
      schemaPath: "schema.json",
      channels: [{ id: event.channel, version: "0.1.0" }],
      markdown: '<NodeGraph />\n\n<Schema file="schema.json" />',
    },
    { versionExistingContent },
  );
  await writers.schema(event.id, { fileName: "schema.json", content: json(event.schema) }, event.version);
  for (const example of event.examples) {
    await writers.example(
      event.id,
      { fileName: `${example.name}.json`, content: json(example.payload) },
      event.version,
    );
  }
}

/**
 * A command or query received over HTTP: its operation, the request's schema (`schema.json`: a
 * command's body, a query's path parameters) and the answer's (`answer.json`), and their examples.
 */
export async function writeRequest(sdk: Sdk, request: ReceivedRequest, receiverName: string) {
  const writers = writersOf(sdk, request.type);
  const { status } = request.answer;
  await writers.write({
    id: request.id,
    name: request.id,
    version: request.version,
    summary: request.summary,
    schemaPath: "schema.json",
    operation: { method: request.method, path: request.path, statusCodes: [String(status)] },
    markdown: [
      "<NodeGraph />",
      `\`${request.method} ${request.path}\` on the ${receiverName}; sent by ${either.format(request.callers)}.`,
      request.type === "query" ? "## Request (its path parameters)" : "## Request (its body)",
      '<Schema file="schema.json" />',
      `## Answer (${status})`,
      '<Schema file="answer.json" />',
    ].join("\n\n"),
  });
  await writers.schema(
    request.id,
    { fileName: "schema.json", content: json(request.schema) },
    request.version,
  );
  await writers.schema(
    request.id,
    { fileName: "answer.json", content: json(request.answer.schema) },
    request.version,
  );
  const examples = [...request.examples, ...request.answer.examples];
  for (const example of examples) {
    await writers.example(
      request.id,
      { fileName: `${example.name}.json`, content: json(example.payload) },
      request.version,
    );
  }
}
