/** The baseline: a bare Hono route returning a constant JSON body, served the same way as Roster. */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
const body = { user_id: "baseline", user_status: "ACTIVE" };
app.get("/:user_id/user", (c) => c.json(body));
serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`API http://127.0.0.1:${info.port}\n`);
});
