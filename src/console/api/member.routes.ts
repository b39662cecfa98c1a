import type { Hono } from "hono";
import { ValidationError } from "../../platform/errors/app.errors.ts";
import { isMemberAction } from "../domain/member-action.ts";
import type { ConsoleSession } from "../ports/console-session.repository.ts";
import { findPage } from "../ui/find.view.ts";
import { memberPage } from "../ui/member.view.ts";
import { previewPage } from "../ui/preview.view.ts";
import type { ConsoleDeps } from "../use-cases/console.deps.ts";
import { actOnMember } from "../use-cases/members/act-on-member.use-case.ts";
import { previewChange } from "../use-cases/members/preview-change.query.ts";
import { tailStreams } from "../use-cases/streams/tail-streams.query.ts";
import { actionInputOf, tierOf } from "./action-form.ts";
import type { ConsoleEnv } from "./console-env.ts";

const AUDIT_SHOWN = 50;
const RECORDS_SHOWN = 30;

/** Find, one member's page, and the actions on them (each answered by a redirect back to the page). */
export function registerMemberRoutes(app: Hono<ConsoleEnv>, deps: ConsoleDeps): void {
  const sessionOf = (c: { get(key: "session"): ConsoleSession | undefined }) =>
    c.get("session") as ConsoleSession;

  app.get("/console", async (c) => {
    const session = sessionOf(c);
    const query = (c.req.query("q") ?? "").slice(0, 500);
    const result = query.trim().length > 0 ? await deps.directory.find(session.operator, query) : undefined;
    return c.html(
      findPage({
        operator: session.operator,
        csrfToken: session.csrfToken,
        query,
        ...(result ? { result } : {}),
      }),
    );
  });

  app.get("/console/members/:memberId", async (c) => {
    const session = sessionOf(c);
    const memberId = c.req.param("memberId");
    const [overview, audit, records] = await Promise.all([
      deps.directory.overview(session.operator, memberId),
      deps.audit.listFor(memberId, AUDIT_SHOWN),
      tailStreams(deps, { streams: [], member: memberId, limit: RECORDS_SHOWN }),
    ]);
    const outcomeId = c.req.query("outcome");
    const status = overview.user.status === 404 ? 404 : 200;
    return c.html(
      memberPage({
        operator: session.operator,
        csrfToken: session.csrfToken,
        memberId,
        overview,
        audit,
        records,
        outcome: outcomeId ? audit.find((entry) => entry.id === outcomeId) : undefined,
      }),
      status,
    );
  });

  app.get("/console/members/:memberId/preview/:change", async (c) => {
    const session = sessionOf(c);
    const memberId = c.req.param("memberId");
    const change = c.req.param("change");
    if (change !== "upgrade" && change !== "downgrade")
      throw new ValidationError([{ path: "change", message: "upgrade or downgrade" }]);
    const tier = tierOf({ tier: c.req.query("tier") ?? "" });
    return c.html(
      previewPage({
        operator: session.operator,
        csrfToken: session.csrfToken,
        memberId,
        change,
        tier,
        answer: await previewChange(deps, session.operator, memberId, change, tier),
      }),
    );
  });

  app.post("/console/members/:memberId/actions/:action", async (c) => {
    const session = sessionOf(c);
    const memberId = c.req.param("memberId");
    const name = c.req.param("action");
    if (!isMemberAction(name)) throw new ValidationError([{ path: "action", message: `no action ${name}` }]);
    const form = await c.req.parseBody();
    const { entry } = await actOnMember(
      deps,
      session.operator,
      memberId,
      actionInputOf(name, form),
      typeof form.reason === "string" ? form.reason : "",
    );
    return c.redirect(
      `/console/members/${encodeURIComponent(memberId)}?outcome=${encodeURIComponent(entry.id)}`,
      303,
    );
  });
}
