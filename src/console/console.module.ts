import type { ServiceModule } from "../platform/service/service-module.ts";
import { consoleTable } from "./adapters/dynamodb/console.tables.ts";
import { CONSOLE_STREAMS } from "./wiring/console-streams.ts";
import { startConsole } from "./wiring/local/console.local.ts";

/**
 * The operator console (issue 15) as the local runtime composes it: its one table (sessions, pending
 * sign-ins, the audit trail), its pages under `/console`. It owns no stream or queue: it reads and acts
 * through the other services' APIs, and tails their streams. On AWS: `lambda/` and `infra/lib/console/`.
 */
export const consoleModule: ServiceModule = {
  name: "console",
  title: "Operator console",
  tables: [consoleTable],
  streams: [],
  // Read by the tail (no worker, no checkpoint); declared so the local process has them from the start.
  consumes: CONSOLE_STREAMS,
  queues: [],
  start: startConsole,
};
