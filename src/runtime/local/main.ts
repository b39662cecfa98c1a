/** `npm start`: the whole system in one process on embedded stores. */
import { ConfigError } from "../../platform/config/config-error.ts";
import { loadLocalConfig } from "../../platform/config/local.config.ts";
import { createCoalescingLogger } from "../../platform/logging/coalescing.logger.ts";
import { formatDuration } from "../../platform/time/duration.ts";
import { startHttpServer } from "./http-server.ts";
import { streamContracts } from "./local-channels.ts";
import { LOCAL_OPERATORS } from "./local-operators.ts";
import { SERVICES } from "./services.ts";
import { startLocalRuntime } from "./start-local-runtime.ts";

async function main(): Promise<void> {
  const config = loadLocalConfig();
  const logger = createCoalescingLogger("roster", config.LOG_LEVEL);
  const local = await startLocalRuntime(config, logger, { services: SERVICES });
  const streams = streamContracts(SERVICES)
    .map((contract) => contract.name)
    .sort()
    .join(", ");
  const server = await startHttpServer(local.app.fetch, { port: config.PORT, hostname: config.HOST }).catch(
    async (error: unknown) => {
      // The port is taken (or not ours): stop the stores started for it before saying so.
      await local.close();
      throw error;
    },
  );
  const base = `http://${config.HOST}:${server.port}`;
  const offset = local.localClock?.state().offsetMs ?? 0;
  const ahead = offset > 0 ? `, ${formatDuration(offset)} ahead of the real time` : "";
  process.stdout.write(
    [
      `Roster is running (stage ${config.STAGE}, data in ${config.ROSTER_DATA_DIR})`,
      `  API      ${base}`,
      `  Docs     ${base}/docs`,
      `  OpenAPI  ${base}/openapi.json   (one service: ${base}/openapi/<service>.json)`,
      `  Health   ${base}/health`,
      `  Console  ${base}/console   (sign in as ${LOCAL_OPERATORS.map(
        (o) => `${o.id} (${o.roles.join(", ")})`,
      )
        .join(", ")
        .replace(/, ([^,]+)$/, " or $1")})`,
      "  Token    npm run -s token -- --user <id> --mfa   (or --service <name>, --operator <name>)",
      "  Events   npm run events -- put payments examples/events/payments-charged-back.json --user <id>",
      `           npm run events -- tail users   (streams: ${streams})`,
      `  Clock    local time ${local.platform.clock.now().toISOString()}${ahead}   (npm run clock -- advance 31d | show)`,
      "",
    ].join("\n"),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("stopping", { signal });
    await server.close();
    await local.close();
    logger.info("stopped");
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : error}\n`,
  );
  process.exitCode = 1;
});
