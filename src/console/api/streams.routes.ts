import type { Context, Hono } from "hono";
import type { ConsoleSession } from "../ports/console-session.repository.ts";
import { streamRows, streamsPage } from "../ui/streams.view.ts";
import type { ConsoleDeps } from "../use-cases/console.deps.ts";
import { type StreamFilter, tailStreams } from "../use-cases/streams/tail-streams.query.ts";
import type { ConsoleEnv } from "./console-env.ts";

const SHOWN = 100;

function filterOf(c: Context<ConsoleEnv>): StreamFilter {
  const member = c.req.query("member")?.trim().slice(0, 200);
  const eventType = c.req.query("type")?.trim().slice(0, 100);
  return {
    streams: c.req.queries("stream") ?? [],
    ...(member ? { member } : {}),
    ...(eventType ? { eventType } : {}),
    limit: SHOWN,
  };
}

/** The live tail of the users, payments and subscriptions streams: the page, and its rows for each refresh. */
export function registerStreamRoutes(app: Hono<ConsoleEnv>, deps: ConsoleDeps): void {
  app.get("/console/streams", async (c) => {
    const session = c.get("session") as ConsoleSession;
    const filter = filterOf(c);
    return c.html(
      streamsPage({
        operator: session.operator,
        csrfToken: session.csrfToken,
        streamNames: deps.streamNames,
        filter,
        entries: await tailStreams(deps, filter),
      }),
    );
  });
  app.get("/console/streams/rows", async (c) => c.html(streamRows(await tailStreams(deps, filterOf(c)))));
}
