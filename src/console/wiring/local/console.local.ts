import { randomBytes } from "node:crypto";
import {
  LOCAL_CONSOLE_CLIENT_ID,
  LOCAL_OIDC_PATH,
} from "../../../platform/adapters/embedded/local-issuer.ts";
import type { LocalPlatform, RunningService } from "../../../platform/service/service-module.ts";
import { AuditTrailStore } from "../../adapters/dynamodb/audit-trail.store.ts";
import { consoleTable } from "../../adapters/dynamodb/console.tables.ts";
import { ConsoleSessionStore } from "../../adapters/dynamodb/console-session.store.ts";
import { LocalDeadLetterBox } from "../../adapters/embedded/local-dead-letter.box.ts";
import { SqliteStreamReader } from "../../adapters/embedded/sqlite-stream.reader.ts";
import { bearerTransport } from "../../adapters/http/bearer.transport.ts";
import { HttpCatalogueSource } from "../../adapters/http/catalogue.client.ts";
import { HttpDashboardSource } from "../../adapters/http/dashboard.client.ts";
import { HttpMemberActions } from "../../adapters/http/member-actions.client.ts";
import { HttpMemberDirectory } from "../../adapters/http/member-directory.client.ts";
import { OperatorRosterApi } from "../../adapters/http/roster-api.client.ts";
import { OpenIdOperatorSignIn } from "../../adapters/oidc/openid-operator.sign-in.ts";
import { createConsoleApp } from "../../api/console.app.ts";
import type { ConsoleDeps } from "../../use-cases/console.deps.ts";
import { loadConsoleBaseConfig } from "../config/console.config.ts";
import { CONSOLE_STREAMS } from "../console-streams.ts";

/**
 * The console in the local process: its table in the shared SQLite store, operators signed in by the
 * local issuer's `/local/oidc` on whatever origin the browser used, and every service called in
 * process with the operator's own token of the local issuer (as IAM names the operator on AWS).
 */
export async function startConsole(platform: LocalPlatform): Promise<RunningService> {
  const config = loadConsoleBaseConfig();
  const { clock } = platform;
  const api = new OperatorRosterApi(
    bearerTransport({
      token: (operator) =>
        platform.issuer.issue({ kind: "operator", id: operator.id, ttlSeconds: 300 }, clock.now()),
      send: (request) => platform.fetch(request),
      timeoutMs: config.CONSOLE_CALL_TIMEOUT_MS,
    }),
  );
  const deps: ConsoleDeps = {
    sessions: new ConsoleSessionStore(platform.store, clock),
    audit: new AuditTrailStore(platform.store),
    directory: new HttpMemberDirectory(api),
    actions: new HttpMemberActions(api),
    streams: new SqliteStreamReader(platform.channels.streams, platform.channels.streamNames),
    streamNames: CONSOLE_STREAMS.map((stream) => stream.name),
    deadLetters: new LocalDeadLetterBox(platform.channels),
    catalogue: new HttpCatalogueSource(api, clock),
    dashboard: new HttpDashboardSource(api),
    signIn: new OpenIdOperatorSignIn({
      issuer: (callback) => new URL(`${callback.origin}${LOCAL_OIDC_PATH}`),
      clientId: LOCAL_CONSOLE_CLIENT_ID,
      fetch: (input, init) => platform.fetch(new Request(input, init)),
      allowHttp: true,
    }),
    clock,
    ids: platform.ids,
    secretTokens: () => randomBytes(32).toString("base64url"),
    sessionHours: config.CONSOLE_SESSION_HOURS,
  };
  const health = [
    {
      name: "console-table",
      check: async () => {
        await platform.store.get(consoleTable, { pk: "health", sk: "item" });
      },
    },
  ];
  return {
    app: createConsoleApp(deps, { logger: platform.logger, health, serveAssets: true }),
    health,
    eventSources: [],
    documented: false,
    close: async () => {},
  };
}
