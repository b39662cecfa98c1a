import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { ClockMoveRefusedError, type LocalClock } from "../../platform/adapters/embedded/local-clock.ts";
import type { ScheduledRun } from "../../platform/adapters/embedded/local-scheduler.ts";
import { BusinessRuleError } from "../../platform/errors/app.errors.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { authenticate } from "../../platform/http/authenticate.middleware.ts";
import { access } from "../../platform/http/route-access.ts";
import { limitBody } from "../../platform/http/service-app.ts";
import type { PrincipalResolver } from "../../platform/identity/principal.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import { DURATION_EXAMPLES, formatDuration, parseDuration } from "../../platform/time/duration.ts";

/** The local process's clock, under the first segment only the local process answers (route-table.ts). */
export const LOCAL_CLOCK_PATH = "/local/clock";

export interface LocalClockRouteDeps {
  readonly clock: LocalClock;
  /** Runs every schedule once, at once, and answers when all have finished (LocalScheduler.runNow). */
  readonly runSchedules: () => Promise<readonly ScheduledRun[]>;
  /** The local issuer's tokens, verified on the clock. */
  readonly principals: PrincipalResolver;
  readonly logger: Logger;
}

/** What `GET` answers, and `POST` after the move. */
export interface ClockView {
  readonly local_time: string;
  readonly real_time: string;
  readonly offset_ms: number;
  /** The offset as a person reads it: `31d`, `1h 30m`. */
  readonly offset: string;
  /** The real time the offset was last moved at; null while it never was. */
  readonly set_at: string | null;
}

const MoveSchema = z
  .strictObject({
    advance: z.string().max(40).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((body, context) => {
    if ((body.advance === undefined) === (body.to === undefined))
      context.addIssue({
        code: "custom",
        path: [],
        message: `give one of advance (a duration: ${DURATION_EXAMPLES}) or to (an ISO date-time)`,
      });
    if (body.advance === undefined) return;
    try {
      parseDuration(body.advance);
    } catch (error) {
      context.addIssue({ code: "custom", path: ["advance"], message: (error as Error).message });
    }
  });

// Hidden from every OpenAPI document: a development tool of the local process, no service's API.
const common = {
  path: LOCAL_CLOCK_PATH,
  hide: true,
  ...access(["operator", "service"]),
} as const;

export function clockView(clock: LocalClock): ClockView {
  const { offsetMs, setAt } = clock.state();
  // One reading of the real time for both, so that they differ by the offset exactly.
  const real = clock.realNow();
  return {
    local_time: new Date(real.getTime() + offsetMs).toISOString(),
    real_time: real.toISOString(),
    offset_ms: offsetMs,
    offset: formatDuration(offsetMs),
    set_at: setAt?.toISOString() ?? null,
  };
}

/**
 * `GET /local/clock`: where the local clock stands. `POST /local/clock` `{ "advance": "31d" }` or
 * `{ "to": "<ISO date-time>" }`: moves it forward (refused, 422, backwards), keeps the offset in the data
 * folder, then runs every schedule once and answers when they have seen the new time. Operators and
 * services of the local issuer only; served by the local process alone, never by a service's app.
 */
export function registerLocalClockRoutes(app: OpenAPIHono<AppEnv>, deps: LocalClockRouteDeps): void {
  const middleware = [authenticate(deps.principals), ...common.middleware];
  const read = createRoute({ ...common, method: "get", middleware, responses: { 200: { description: "" } } });
  const move = createRoute({
    ...common,
    method: "post",
    middleware: [limitBody(1_024), ...middleware],
    request: { body: { required: true, content: { "application/json": { schema: MoveSchema } } } },
    responses: { 200: { description: "" } },
  });

  app.openapi(read, (c) => c.json(clockView(deps.clock), 200));
  app.openapi(move, async (c) => {
    const body = c.req.valid("json");
    const from = deps.clock.now().toISOString();
    try {
      if (body.advance !== undefined) deps.clock.advance(parseDuration(body.advance));
      else deps.clock.advanceTo(new Date(body.to as string));
    } catch (error) {
      if (error instanceof ClockMoveRefusedError) throw new BusinessRuleError(error.message);
      throw error;
    }
    const view = clockView(deps.clock);
    deps.logger.info("local clock moved", { from, to: view.local_time, offset_ms: view.offset_ms });
    const schedules = await deps.runSchedules();
    return c.json({ ...view, moved_from: from, schedules }, 200);
  });
}
