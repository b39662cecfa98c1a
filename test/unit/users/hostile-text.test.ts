import { beforeAll, describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { PRINCIPALS_EXTENSION } from "../../../src/platform/http/route-access.ts";
import type { TableStore } from "../../../src/platform/store/table-store.port.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import type { Json, JsonResponse } from "../../support/json.ts";

/** Text no user types (issue 11, finding 4), each as a JSON value and as it would reach a URL. */
const HOSTILE: readonly { name: string; value: string; url: string; breaksLine?: boolean }[] = [
  { name: "NUL", value: "a\u0000b", url: "a%00b" },
  { name: "a C0 control", value: "a\u0001b", url: "a%01b" },
  { name: "DEL", value: "a\u007Fb", url: "a%7Fb" },
  { name: "a C1 control", value: "a\u0085b", url: "a%C2%85b" },
  // A URL cannot carry a lone surrogate as UTF-8: a client sends its WTF-8 bytes, which are not UTF-8.
  { name: "a lone high surrogate", value: "a\uD800b", url: "a%ED%A0%80b" },
  { name: "a lone low surrogate", value: "a\uDC00b", url: "a%ED%B0%80b" },
  { name: "RLO (U+202E)", value: "a\u202Eb", url: "a%E2%80%AEb" },
  { name: "an isolate (U+2066)", value: "a\u2066b", url: "a%E2%81%A6b" },
  { name: "CR LF", value: "a\r\nb", url: "a%0D%0Ab", breaksLine: true },
  { name: "U+FFFD", value: "a\uFFFDb", url: "a%EF%BF%BDb" },
  { name: "a byte order mark (U+FEFF)", value: "a\uFEFFb", url: "a%EF%BB%BFb" },
];

type Where = "body" | "path" | "query";
interface StringField {
  readonly where: Where;
  readonly name: string;
  readonly schema: Json;
}
interface Operation {
  readonly method: string;
  readonly template: string;
  readonly fields: StringField[];
  readonly params: Json[];
  readonly body?: Json;
  readonly caller: "user" | "operator" | "service";
}

/** A kind the operation admits (its `x-roster-principals`), a service where it may; the test shows it is admitted. */
function callerOf(operation: Json): "user" | "operator" | "service" {
  const kinds: ("user" | "operator" | "service")[] = operation[PRINCIPALS_EXTENSION] ?? [];
  return kinds.includes("service") ? "service" : (kinds[0] ?? "service");
}

const deref = (doc: Json, schema: Json): Json =>
  schema?.$ref ? doc.components.schemas[schema.$ref.replace("#/components/schemas/", "")] : schema;
const isString = (schema: Json) =>
  schema?.type === "string" || (Array.isArray(schema?.type) && schema.type.includes("string"));

function operationsOf(doc: Json): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths as Record<string, Json>))
    for (const [method, operation] of Object.entries(item as Record<string, Json>)) {
      const params: Json[] = operation.parameters ?? [];
      const body = deref(doc, operation.requestBody?.content?.["application/json"]?.schema);
      const fields: StringField[] = [
        ...params
          .filter((p) => isString(p.schema))
          .map((p) => ({ where: p.in as Where, name: p.name as string, schema: p.schema })),
        ...Object.entries((body?.properties ?? {}) as Record<string, Json>)
          .filter(([, schema]) => isString(schema))
          .map(([name, schema]) => ({ where: "body" as const, name, schema })),
      ];
      operations.push({
        method: method.toUpperCase(),
        template,
        fields,
        params,
        body,
        caller: callerOf(operation),
      });
    }
  return operations;
}

/** A valid request of `operation` (the document's examples), with `field` set to `raw` (URL-ready for params). */
function requestOf(operation: Operation, field: StringField, value: string | undefined) {
  const example = (p: Json) => String(p.schema?.example ?? p.example ?? "x");
  const url = (p: Json) =>
    field.where === p.in && field.name === p.name && value !== undefined
      ? value
      : encodeURIComponent(example(p));
  let path = operation.template;
  for (const p of operation.params.filter((q) => q.in === "path")) path = path.replace(`{${p.name}}`, url(p));
  const query = operation.params
    .filter((p) => p.in === "query" && (p.required || (field.where === "query" && field.name === p.name)))
    .map((p) => `${p.name}=${url(p)}`);
  let body: Json;
  if (operation.body) {
    const properties = (operation.body.properties ?? {}) as Record<string, Json>;
    body = { ...(operation.body.example ?? {}) };
    for (const name of operation.body.required ?? [])
      if (body[name] === undefined) body[name] = properties[name]?.example;
    if (field.where === "body") body[field.name] = value ?? exampleOf(operation, field);
  }
  return { path: query.length ? `${path}?${query.join("&")}` : path, body };
}

/** The field's own example, or the value the body's example gives it. */
const exampleOf = (operation: Operation, field: StringField): Json =>
  field.schema.example ?? (field.where === "body" ? operation.body?.example?.[field.name] : undefined);

const errorPath = (field: StringField) =>
  field.where === "body" ? field.name : `${field.where === "path" ? "param" : "query"}.${field.name}`;

/** The test store, counting every write: a refused request must have written nothing. */
function countingWrites(store: TableStore): { store: TableStore; writes: () => number } {
  let writes = 0;
  const counted = new Set(["put", "update", "delete", "transactWrite"]);
  const proxy = new Proxy(store, {
    get(target, property) {
      const member = Reflect.get(target, property, target);
      if (typeof member !== "function") return member;
      const bound = member.bind(target);
      if (!counted.has(String(property))) return bound;
      return (...args: unknown[]) => {
        writes += 1;
        return bound(...args);
      };
    },
  });
  return { store: proxy, writes: () => writes };
}

describe("hostile text on every operation of the User Service's OpenAPI document", () => {
  let s: Awaited<ReturnType<typeof buildTestServices>>;
  let writes: () => number;
  let operations: Operation[];
  let tokens: Record<"user" | "operator" | "service", string>;

  const send = (operation: Operation, request: { path: string; body: Json }) =>
    s.app.request(request.path, {
      method: operation.method,
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${tokens[operation.caller]}`,
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });

  beforeAll(async () => {
    let counting: ReturnType<typeof countingWrites> | undefined;
    s = await buildTestServices({
      store: (clock) => {
        counting = countingWrites(new SqliteTableStore(openSqlite(":memory:"), "test", clock));
        return counting.store;
      },
    });
    writes = () => counting?.writes() ?? 0;
    operations = operationsOf(await (await s.app.request("/openapi.json")).json());
    tokens = {
      user: await s.token({ kind: "user", id: "auth0|ada", mfa: true }),
      operator: await s.token({ kind: "operator", id: "ops|grace" }),
      service: await s.token({ kind: "service", id: "payment-worker" }),
    };
  });

  it("finds the string inputs: bodies, path and query parameters", () => {
    const all = operations.flatMap((o) => o.fields);
    expect(all.length).toBeGreaterThan(60);
    expect(new Set(all.map((f) => f.where))).toEqual(new Set(["body", "path", "query"]));
  });

  it("gives every string of every request a maxLength (enums are bounded by their values)", () => {
    const unbounded = operations.flatMap((o) =>
      o.fields
        .filter((f) => f.schema.enum === undefined && typeof f.schema.maxLength !== "number")
        .map((f) => `${o.method} ${o.template} ${f.where}.${f.name}`),
    );
    expect(unbounded).toEqual([]);
  });

  it("puts only plain patterns in the document: no /u or other flags", () => {
    const flagged = operations.flatMap((o) =>
      o.fields.filter((f) => f.schema.pattern && /\/[a-z]+$/.test(f.schema.pattern)).map((f) => f.name),
    );
    expect(flagged).toEqual([]);
    for (const field of operations.flatMap((o) => o.fields).filter((f) => f.schema.pattern)) {
      expect(() => new RegExp(field.schema.pattern)).not.toThrow();
      expect(() => new RegExp(field.schema.pattern, "u")).not.toThrow();
    }
  });

  it("accepts each field's documented example from the allowed caller (valid input, allowed caller)", async () => {
    const refused: Json[] = [];
    let checked = 0;
    for (const operation of operations)
      for (const field of operation.fields.filter((f) => typeof exampleOf(operation, f) === "string")) {
        checked += 1;
        const res = await send(operation, requestOf(operation, field, undefined));
        if (res.status === 400 || res.status === 403)
          refused.push({
            at: `${operation.method} ${operation.template} ${field.name}`,
            problem: await res.json(),
          });
      }
    expect(refused).toEqual([]);
    expect(checked).toBeGreaterThan(70);
  });

  it("refuses each hostile value in each string field with 400 naming the field, and writes nothing", async () => {
    let sent = 0;
    for (const operation of operations)
      for (const field of operation.fields) {
        const multiline = /May hold line breaks/.test(field.schema.description ?? "");
        for (const hostile of HOSTILE.filter((h) => !(multiline && h.breaksLine))) {
          const raw = field.where === "body" ? hostile.value : hostile.url;
          const before = writes();
          const res = await send(operation, requestOf(operation, field, raw));
          const problem: Json = await res.json();
          const at = [operation.method, operation.template, field.where, field.name, hostile.name];
          expect([...at, res.status]).toEqual([...at, 400]);
          expect([...at, problem.errors?.map((e: Json) => e.path)]).toEqual([
            ...at,
            expect.arrayContaining([errorPath(field)]),
          ]);
          expect([...at, writes() - before]).toEqual([...at, 0]);
          sent += 1;
        }
      }
    expect(sent).toBeGreaterThan(600);
  });

  it("refuses a value one character over each field's maxLength with 400 naming the field", async () => {
    for (const operation of operations)
      for (const field of operation.fields.filter((f) => typeof f.schema.maxLength === "number")) {
        const before = writes();
        const res = await send(
          operation,
          requestOf(operation, field, "x".repeat(field.schema.maxLength + 1)),
        );
        const problem: Json = await res.json();
        const at = [operation.method, operation.template, field.name];
        expect([...at, res.status, problem.errors?.map((e: Json) => e.path)]).toEqual([
          ...at,
          400,
          expect.arrayContaining([errorPath(field)]),
        ]);
        expect(writes() - before).toBe(0);
      }
  });
});

describe("the text policy through the API", () => {
  let s: Awaited<ReturnType<typeof buildTestServices>>;
  let ada: string;
  const call = async (path: string, method: string, body?: string | Uint8Array): Promise<JsonResponse> =>
    s.app.request(path, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${ada}` },
      ...(body === undefined ? {} : { body }),
    });

  beforeAll(async () => {
    s = await buildTestServices();
    ada = await s.token({ kind: "user", id: "auth0|ada", mfa: true });
    const signUp = {
      user_email: "ada@example.com",
      user_first_name: "Rene\u0301e",
      user_city: "Malmo\u0308",
    };
    expect((await call("/users/create", "POST", JSON.stringify(signUp))).status).toBe(201);
  });

  it("stores and answers NFC: a decomposed name comes back composed", async () => {
    const user: Json = await (await call("/auth0%7Cada/user", "GET")).json();
    expect(user).toMatchObject({ user_first_name: "Ren\u00E9e", user_city: "Malm\u00F6" });
    const patched: Json = await (
      await call("/auth0%7Cada/user", "PATCH", JSON.stringify({ user_last_name: "Lo\u0308we" }))
    ).json();
    expect(patched.user_last_name).toBe("L\u00F6we");
  });

  it('answers 400 to PATCH {"user_city":"a\\u0000b"} (finding 1), changing nothing', async () => {
    const before: Json = await (await call("/auth0%7Cada/user/history", "GET")).json();
    const res = await call("/auth0%7Cada/user", "PATCH", '{"user_city":"a\\u0000b"}');
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([
      { path: "user_city", message: "must not hold control characters (U+0000)" },
    ]);
    expect(await (await call("/auth0%7Cada/user/history", "GET")).json()).toEqual(before);
  });

  it("answers 400 'not valid UTF-8' to a body whose bytes are not UTF-8 (they decode to U+FFFD)", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"user_city":"Malm'), 0xf6, 0x22, 0x7d]);
    const res = await call("/auth0%7Cada/user", "PATCH", bytes);
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([
      { path: "user_city", message: "is not valid UTF-8: it holds U+FFFD, the replacement character" },
    ]);
  });

  it("refuses surrounding whitespace and tabs rather than trimming them silently", async () => {
    const res = await call("/auth0%7Cada/user", "PATCH", JSON.stringify({ user_first_name: "Ada " }));
    expect((await res.json()).errors).toEqual([
      { path: "user_first_name", message: "must not start or end with whitespace" },
    ]);
    const tier = await call(
      "/auth0%7Cada/membership/upgrade",
      "POST",
      JSON.stringify({ membership_tier: "premium\t\t" }),
    );
    expect((await tier.json()).errors).toEqual([
      { path: "membership_tier", message: "must not hold control characters (U+0009)" },
    ]);
  });

  it("answers 400 naming the path parameter whose percent-encoding is not UTF-8 (to a caller the route admits)", async () => {
    const operator = await s.token({ kind: "operator", id: "ops|grace" });
    const res = await s.app.request("/auth0%7Cada%FF/user", {
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).errors).toEqual([
      { path: "param.user_id", message: "is not valid UTF-8 (percent-encoded)" },
    ]);
  });
});
