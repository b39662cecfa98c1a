import { CompiledQuery, type RootOperationNode } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CursorCodec } from "../../../src/platform/store/cursor-codec.ts";
import { systemClock } from "../../../src/platform/time/clock.port.ts";
import { PostgresUsermodelProjection } from "../../../src/users/adapters/postgres/usermodel.projection.ts";
import { PostgresUserSearch } from "../../../src/users/adapters/postgres/usermodel.search.ts";
import type { UsersDatabase } from "../../../src/users/adapters/postgres/usermodel.table.ts";
import type { UserRecord } from "../../../src/users/domain/user-change.ts";
import { searchTermsOf } from "../../../src/users/domain/user-search.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import { migratedUsermodel } from "../../suites/users/usermodel-fixtures.ts";
import type { Json } from "../../support/json.ts";
import type { TestDatabase } from "../../support/test-database.ts";

const record = (id: string, profile: Partial<UserRecord>): UserRecord => ({
  user_id: `auth0|${id}`,
  user_email: `${id}@example.com`,
  user_status: "ACTIVE",
  user_date_joined: "2026-11-01T00:00:00.000Z",
  user_date_updated: "2026-11-02T00:00:00.000Z",
  ...profile,
});

const PEOPLE = [
  record("ada", {
    user_first_name: "Ada",
    user_last_name: "Lovelace",
    user_phone: "5552017788",
    user_city: "San Antonio",
  }),
  record("grace", {
    user_first_name: "Grace",
    user_last_name: "Hopper",
    user_email: "grace.hopper@navy.example",
    user_phone: "5553014455",
    user_city: "Arlington",
  }),
  record("alan", { user_first_name: "Alan", user_last_name: "Turing", user_email: "alan@bletchley.org" }),
  record("percent", { user_email: "100%_sure@example.com" }),
  ...["Eve", "Bob", "Dan", "Cy", "Al"].map((first) =>
    record(`smith-${first.toLowerCase()}`, {
      user_first_name: first,
      user_last_name: "Smith",
      user_city: "Dallas",
    }),
  ),
];

describe("GET /users/search (operator search on the usermodel projection)", () => {
  let target: TestDatabase<UsersDatabase>;
  let s: Awaited<ReturnType<typeof buildTestServices>>;
  let operator: string;
  beforeAll(async () => {
    target = await migratedUsermodel();
    const projection = new PostgresUsermodelProjection(target.db);
    for (const person of PEOPLE) await projection.upsert(person);
    s = await buildTestServices({ usermodel: target.db });
    operator = await s.token({ kind: "operator", id: "mx-kim" });
  });
  afterAll(async () => {
    await target.drop();
  });

  const search = async (query: Record<string, string>, token = operator) => {
    const res = await s.app.request(`/users/search?${new URLSearchParams(query)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const idsOf = (body: Json): string[] => body.items.map((user: UserRecord) => user.user_id);

  it("finds users whose name, email, phone or city contain every term, ignoring case", async () => {
    const cases: [string, string[]][] = [
      ["ada", ["auth0|ada"]],
      ["LOVELACE antonio", ["auth0|ada"]],
      ["ada dallas", []],
      ["navy", ["auth0|grace"]],
      ["(555)301-4455", ["auth0|grace"]],
      ["+1 555-201-7788", ["auth0|ada"]],
      ["bletchley.org", ["auth0|alan"]],
      ["%", ["auth0|percent"]],
      ["_", ["auth0|percent"]],
    ];
    for (const [q, expected] of cases) {
      const { status, body } = await search({ q });
      expect({ q, status, ids: idsOf(body) }).toEqual({ q, status: 200, ids: expected });
    }
  });

  it("answers a user in the API's vocabulary, without the tags cache", async () => {
    const { body } = await search({ q: "lovelace" });

    expect(body).toEqual({ items: [PEOPLE[0]] });
  });

  it("pages through matches by last name, first name and id, each match once", async () => {
    const seen: string[] = [];
    const pages: number[] = [];
    let cursor: string | undefined;
    do {
      const { status, body } = await search({ q: "smith", limit: "2", ...(cursor ? { cursor } : {}) });
      expect(status).toBe(200);
      seen.push(...body.items.map((user: UserRecord) => user.user_first_name));
      pages.push(body.items.length);
      cursor = body.next_cursor;
    } while (cursor);

    expect(pages).toEqual([2, 2, 1]);
    expect(seen).toEqual(["Al", "Bob", "Cy", "Dan", "Eve"]);
  });

  it("refuses a cursor of another search, or one altered or stale, and never shows the row it points at", async () => {
    const first = await search({ q: "smith", limit: "2" });
    const cursor = first.body.next_cursor as string;
    const flipped = Buffer.from(cursor, "base64url");
    flipped[flipped.length >> 1] = (flipped[flipped.length >> 1] as number) ^ 1;

    const answers = [
      await search({ q: "smith bob", limit: "2", cursor }),
      await search({ q: "smith", limit: "2", cursor: flipped.toString("base64url") }),
    ];
    const aDayLater = 24 * 60 * 60 * 1000 + 1;
    s.clock.advance(aDayLater);
    try {
      const operatorNow = await s.token({ kind: "operator", id: "mx-kim" });
      answers.push(await search({ q: "smith", limit: "2", cursor }, operatorNow));
    } finally {
      s.clock.advance(-aDayLater);
    }

    expect(answers.map((a) => [a.status, a.body.errors?.map((e: Json) => e.path)])).toEqual([
      [400, ["query.cursor"]],
      [400, ["query.cursor"]],
      [400, ["query.cursor"]],
    ]);
    expect(answers[2]?.body.detail).toContain("expired");
    expect(Buffer.from(cursor, "base64url").toString("latin1").toLowerCase()).not.toContain("smith");
  });

  it("is for operators only: services and users get 403, no token 401", async () => {
    const service = await s.token({ kind: "service", id: "subscriptions" });
    const user = await s.token({ kind: "user", id: "auth0|ada", mfa: true });

    const answers = [await search({ q: "ada" }, service), await search({ q: "ada" }, user)];
    const anonymous = await s.app.request("/users/search?q=ada");

    expect(answers.map((a) => a.status)).toEqual([403, 403]);
    expect(answers.map((a) => a.body.detail)).toEqual([
      expect.stringMatching(/operator.*service/),
      expect.stringMatching(/operator.*user/),
    ]);
    expect(anonymous.status).toBe(401);
  });

  it("refuses a bad q or limit naming it, and a cursor it did not issue naming cursor", async () => {
    const notIssued = Buffer.from(JSON.stringify({ PK: "USERS#x" })).toString("base64url");
    const answers = [
      await search({}),
      await search({ q: "   " }),
      await search({ q: "a b c d e f g h i" }),
      await search({ q: "ada", limit: "0" }),
      await search({ q: "ada", cursor: "%%%not-base64" }),
      await search({ q: "ada", cursor: notIssued }),
      await search({ q: "a\u0000b" }),
      await search({ q: "ada\u001b[31m" }),
    ];

    expect(answers.map((a) => [a.status, a.body.errors?.map((e: Json) => e.path)])).toEqual([
      [400, ["query.q"]],
      [400, ["q"]],
      [400, ["q"]],
      [400, ["query.limit"]],
      [400, ["query.cursor"]],
      [400, ["query.cursor"]],
      [400, ["query.q"]],
      [400, ["query.q"]],
    ]);
    expect(answers[2]?.body.detail).toBe("q: give at most 8 search terms");
  });

  it("is not taken for a user id by the `/{user_id}/...` routes, nor takes theirs", async () => {
    const searched = await search({ q: "ada" });
    const userRoute = await s.app.request("/users/user", {
      headers: { authorization: `Bearer ${operator}` },
    });

    expect(searched.status).toBe(200);
    expect(userRoute.status).toBe(404);
    expect(((await userRoute.json()) as Json).errors).toBeUndefined();
  });

  it("uses the indexes of migration 0002 for matching (its expressions are the indexed ones)", async () => {
    let captured: RootOperationNode | undefined;
    const recording = target.db.withPlugin({
      transformQuery: ({ node }) => {
        captured ??= node;
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const parsed = searchTermsOf("hopper");
    if (!parsed.ok) throw new Error(parsed.reason);
    await new PostgresUserSearch(recording, CursorCodec.ephemeral(systemClock)).search(parsed.terms, {
      limit: 10,
    });
    const compiled = recording.getExecutor().compileQuery(captured!, { queryId: "explain" } as never);

    const plan = await target.db.connection().execute(async (connection) => {
      await connection.executeQuery(CompiledQuery.raw("set enable_seqscan = off"));
      const explained = await connection.executeQuery<{ "QUERY PLAN": string }>(
        CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
      );
      await connection.executeQuery(CompiledQuery.raw("reset enable_seqscan"));
      return explained.rows.map((row) => row["QUERY PLAN"]).join("\n");
    });

    expect(plan).toContain("usermodel_search_idx");
  });
});
