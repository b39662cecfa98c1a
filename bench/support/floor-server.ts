/**
 * The floor of a route that does what `GET /{user_id}/user` must do at the least, written by hand with
 * nothing of Roster's: check the caller's header against a map, read the member's newest row from
 * SQLite (the embedded store's settings), parse it, answer it as JSON and write one JSON access line
 * per request (coalesced per turn of the event loop, as the local process does). No validation, no
 * token verification, no problem documents, no item mapping. Served the same way as Roster and the
 * bare route, so the three rows of `bench/http.bench.ts` tell how far a real route can get.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const dir = mkdtempSync(join(tmpdir(), "roster-floor-"));
const db = new DatabaseSync(join(dir, "floor.sqlite"));
db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
db.exec("CREATE TABLE items (pk TEXT, sk TEXT, item TEXT, PRIMARY KEY (pk, sk)) WITHOUT ROWID");
const member = {
  user_id: "auth0|bench",
  user_email: "bench@example.com",
  user_phone: "5552017788",
  user_first_name: "Bench",
  user_status: "ACTIVE",
  user_version: 1,
};
db.prepare("INSERT INTO items VALUES (?, ?, ?)").run("USER#auth0|bench", "USER#0001", JSON.stringify(member));
const newest = db.prepare(
  "SELECT item FROM items WHERE pk = ? AND sk >= 'USER#' AND sk < 'USER$' ORDER BY sk DESC LIMIT 1",
);
/** The one caller it knows, from the bench (`Bearer <anything>`). */
const callers = new Map([[process.env.FLOOR_TOKEN ?? "Bearer floor", "service"]]);

let lines: string[] = [];
const flush = () => {
  process.stdout.write(lines.join(""));
  lines = [];
};

const app = new Hono();
app.get("/:user_id/user", (c) => {
  const started = performance.now();
  const principal = callers.get(c.req.header("authorization") ?? "");
  if (!principal) return c.json({ title: "Unauthorized" }, 401);
  const row = newest.get(`USER#${c.req.param("user_id")}`) as { item: string } | undefined;
  const response = row ? c.json(JSON.parse(row.item)) : c.json({ title: "Not Found" }, 404);
  const line = {
    level: "INFO",
    message: "request",
    timestamp: new Date().toISOString(),
    service: "floor",
    method: c.req.method,
    route: c.req.routePath,
    status: response.status,
    principal,
    ms: Math.round(performance.now() - started),
  };
  if (lines.push(`${JSON.stringify(line)}\n`) === 1) setImmediate(flush);
  return response;
});
process.once("SIGTERM", () => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`API http://127.0.0.1:${info.port}\n`);
});
