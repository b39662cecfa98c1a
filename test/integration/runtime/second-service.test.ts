import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localConfigSchema } from "../../../src/platform/config/local.config.ts";
import type { AppEnv } from "../../../src/platform/http/app-env.ts";
import { createServiceApp } from "../../../src/platform/http/service-app.ts";
import type { StreamSourceDeclaration } from "../../../src/platform/service/event-source.declaration.ts";
import type { ServiceModule } from "../../../src/platform/service/service-module.ts";
import { type LocalRuntime, startLocalRuntime } from "../../../src/runtime/local/start-local-runtime.ts";
import { usersModule } from "../../../src/users/users.module.ts";
import type { Json } from "../../support/json.ts";
import { testLogger } from "../../support/log-capture.ts";
import { settled } from "../../support/polling.ts";
import { freshDatabase, type TestDatabase } from "../../support/test-database.ts";

/**
 * "How to add a service" (ARCHITECTURE.md), followed: a service that is only its module, started by
 * the local runtime beside the User Service from the list it is given, with nothing else changed.
 */
const delivered: string[] = [];
let scheduledRuns = 0;

const echoWorker: StreamSourceDeclaration = {
  name: "echo-worker",
  stream: "echoes",
  handler: async ({ Records }) => {
    for (const record of Records) delivered.push(Buffer.from(record.kinesis.data, "base64").toString("utf8"));
  },
};

const echoModule: ServiceModule = {
  name: "echo",
  title: "Echo Service",
  tables: [],
  streams: [
    {
      name: "echoes",
      physicalName: (stage) => `${stage}-echoes`,
      schema: z.object({ word: z.string() }),
      userPaths: [],
    },
  ],
  consumes: [],
  queues: [
    {
      name: "echo-jobs",
      physicalName: (stage) => `${stage}-echo-jobs`,
      deadLetterName: (stage) => `${stage}-echo-jobs-dlq`,
    },
  ],
  start: async (platform) => {
    const health = [{ name: "echo-store", check: async () => undefined }];
    const app = createServiceApp(
      {
        title: "Roster Echo Service",
        version: "1.0.0",
        description: "Says back what it is asked.",
        tags: [{ name: "Echo", description: "Words said back" }],
        logger: platform.logger,
        principals: platform.issuer.principalResolver(platform.clock),
        health,
      },
      (api: OpenAPIHono<AppEnv>) =>
        api.openapi(
          createRoute({
            method: "get",
            path: "/echo/{word}",
            tags: ["Echo"],
            request: { params: z.object({ word: z.string() }) },
            responses: {
              200: {
                description: "The word",
                content: { "application/json": { schema: z.object({ said: z.string() }) } },
              },
            },
          }),
          (c) => c.json({ said: c.req.valid("param").word }, 200),
        ),
    );
    return {
      app,
      health,
      eventSources: [echoWorker],
      schedules: [{ name: "echo-tick", rateMs: 50, handler: async () => void scheduledRuns++ }],
      close: async () => undefined,
    };
  },
};

describe("a second service in the local runtime", () => {
  let runtime: LocalRuntime;
  let database: TestDatabase<unknown>;
  const dataDir = mkdtempSync(join(tmpdir(), "roster-second-service-"));

  beforeAll(async () => {
    database = await freshDatabase();
    const config = localConfigSchema.parse({
      ROSTER_DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      STAGE: "test",
      LOG_LEVEL: "SILENT",
    });
    runtime = await startLocalRuntime(config, testLogger("test-second-service"), {
      services: [usersModule, echoModule],
    });
  });

  afterAll(async () => {
    await runtime?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves its routes on the one port beside the User Service's, and both in one OpenAPI document", async () => {
    const token = await runtime.platform.issuer.issue({ kind: "operator", id: "mx-ada" });

    const echoed = await runtime.app.request("/echo/hello");
    const user = await runtime.app.request("/auth0%7Cnobody/user", {
      headers: { authorization: `Bearer ${token}` },
    });
    const doc: Json = await (await runtime.app.request("/openapi.json")).json();
    const health: Json = await (await runtime.app.request("/health")).json();

    expect(echoed.status).toBe(200);
    expect(await echoed.json()).toEqual({ said: "hello" });
    expect(user.status).toBe(404);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/echo/{word}", "/users/create"]));
    expect(doc["x-tagGroups"].map((group: Json) => group.name)).toEqual([
      "Roster",
      "User Service",
      "Echo Service",
    ]);
    expect(Object.keys(health.stores)).toEqual(expect.arrayContaining(["echo-store", "postgres"]));
  });

  it("runs its schedule", async () => {
    const runs = await settled(
      async () => scheduledRuns,
      (count) => count >= 2,
      10_000,
      50,
    );

    expect(runs).toBeGreaterThanOrEqual(2);
  });

  it("creates its stream and queue and runs its worker on them", async () => {
    const { channels } = runtime.platform;

    await channels.streams.put(channels.streamNames.echoes as string, [
      { partitionKey: "k", data: JSON.stringify({ word: "hi" }) },
    ]);

    const seen = await settled(
      async () => [...delivered],
      (words) => words.length > 0,
      10_000,
      50,
    );

    expect(seen).toEqual(['{"word":"hi"}']);
    expect(channels.queueNames["echo-jobs"]).toEqual({
      queue: "test-echo-jobs",
      deadLetters: "test-echo-jobs-dlq",
    });
    expect(channels.streamNames).toMatchObject({
      users: "test-user-service-users",
      payments: "test-payments",
    });
  });
});
