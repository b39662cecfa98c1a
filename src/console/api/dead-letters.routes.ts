import type { Hono } from "hono";
import type { ConsoleSession } from "../ports/console-session.repository.ts";
import { deadLettersPage } from "../ui/dead-letters.view.ts";
import type { ConsoleDeps } from "../use-cases/console.deps.ts";
import { redriveDeadLetter } from "../use-cases/dead-letters/redrive-dead-letter.use-case.ts";
import type { ConsoleEnv } from "./console-env.ts";

/** The dead letters of every worker and queue, and their redrive (admins). */
export function registerDeadLetterRoutes(app: Hono<ConsoleEnv>, deps: ConsoleDeps): void {
  app.get("/console/dead-letters", async (c) => {
    const session = c.get("session") as ConsoleSession;
    const redriven = c.req.query("redriven");
    return c.html(
      deadLettersPage({
        operator: session.operator,
        csrfToken: session.csrfToken,
        ...(await deps.deadLetters.list()),
        redriven: redriven && /^\d+$/.test(redriven) ? Number(redriven) : undefined,
      }),
    );
  });
  app.post("/console/dead-letters/redrive", async (c) => {
    const session = c.get("session") as ConsoleSession;
    const form = await c.req.parseBody();
    const id = typeof form.id === "string" ? form.id : "";
    const moved = await redriveDeadLetter(deps, session.operator, id);
    return c.redirect(`/console/dead-letters?redriven=${moved}`, 303);
  });
}
