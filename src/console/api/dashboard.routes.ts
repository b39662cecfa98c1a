import type { Hono } from "hono";
import type { ConsoleSession } from "../ports/console-session.repository.ts";
import { dashboardPage } from "../ui/dashboard.view.ts";
import type { ConsoleDeps } from "../use-cases/console.deps.ts";
import { dashboardWindow, readDashboard } from "../use-cases/dashboard/read-dashboard.query.ts";
import type { ConsoleEnv } from "./console-env.ts";

/** The dashboard: the services' reports over the window asked for (`?days=`: 7, 30, 90 or 365). */
export function registerDashboardRoutes(app: Hono<ConsoleEnv>, deps: ConsoleDeps): void {
  app.get("/console/dashboard", async (c) => {
    const session = c.get("session") as ConsoleSession;
    const days = dashboardWindow(c.req.query("days"));
    return c.html(
      dashboardPage({
        operator: session.operator,
        csrfToken: session.csrfToken,
        days,
        dashboard: await readDashboard(deps, session.operator, days),
      }),
    );
  });
}
