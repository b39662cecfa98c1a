import { Logger } from "@aws-lambda-powertools/logger";

export type { Logger };
export type LogLevel = "TRACE" | "DEBUG" | "INFO" | "WARN" | "ERROR" | "CRITICAL" | "SILENT";

/** Structured JSON logs (Powertools). Never pass raw events, tokens, receipts or full phone numbers. */
export function createLogger(serviceName: string, logLevel: LogLevel = "INFO"): Logger {
  return new Logger({ serviceName, logLevel });
}
