import type { LocalConfig } from "./local.config.ts";

/** Where `npm start` of this local config listens: http://HOST:PORT (README: PORT, default 3000). */
export function serverUrl(config: Pick<LocalConfig, "HOST" | "PORT">): string {
  if (config.PORT === 0)
    throw new Error("PORT is 0 (any free port): give this CLI the port the server printed, PORT=<port>");
  // A server listening on every address is reached on loopback.
  const host = config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST === "::" ? "::1" : config.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}`;
}
