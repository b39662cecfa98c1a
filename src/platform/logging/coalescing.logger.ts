import { writeSync } from "node:fs";
import { Logger, type LogItem } from "@aws-lambda-powertools/logger";
import type { LogLevel } from "./logger.ts";

/** Powertools' WARN threshold: WARN, ERROR and CRITICAL go to stderr, as Powertools' console does. */
const WARN_LEVEL = 16;

/** The lines of this turn of the event loop, per stream, and whether their write is scheduled. */
const pending = { stdout: [] as string[], stderr: [] as string[], scheduled: false };

function flush(): void {
  pending.scheduled = false;
  for (const name of ["stdout", "stderr"] as const) {
    const lines = pending[name];
    if (lines.length === 0) continue;
    pending[name] = [];
    process[name].write(lines.join(""));
  }
}

/** What is still held when the process exits is written synchronously, so no line is lost to an exit. */
function flushAtExit(): void {
  for (const [name, fd] of [
    ["stdout", 1],
    ["stderr", 2],
  ] as const) {
    if (pending[name].length > 0) writeSync(fd, pending[name].join(""));
    pending[name] = [];
  }
}

let exitHooked = false;

/**
 * Powertools' own JSON lines, with every line of one turn of the event loop written to its stream in one
 * write instead of one each. Under load the local process answers many requests per turn, and a write
 * per access line was the largest single cost after the store's read (issue 16's profile: 16% of the
 * process in the pipe write). Nothing is sampled or dropped; lines keep their order per stream; what is
 * held at exit is written before the process ends. Powertools has no option for it (its console is
 * fixed at construction), hence this subclass, in the shape of the test logger's. Only the local
 * process uses it: a Lambda handles one event at a time, so there is nothing to coalesce there, and a
 * frozen sandbox must not hold lines back.
 */
class CoalescingLogger extends Logger {
  protected override createLogger(options?: ConstructorParameters<typeof Logger>[0]): Logger {
    return new CoalescingLogger(options);
  }

  protected override printLog(logLevel: number, log: LogItem): void {
    log.prepareForPrint();
    const line = `${JSON.stringify(log.getAttributes(), this.getJsonReplacer())}\n`;
    pending[logLevel >= WARN_LEVEL ? "stderr" : "stdout"].push(line);
    if (!pending.scheduled) {
      pending.scheduled = true;
      setImmediate(flush);
    }
    if (!exitHooked) {
      exitHooked = true;
      process.once("exit", flushAtExit);
    }
  }
}

/** The local process's logger: structured as `createLogger`'s, written once per turn of the event loop. */
export function createCoalescingLogger(serviceName: string, logLevel: LogLevel = "INFO"): Logger {
  return new CoalescingLogger({ serviceName, logLevel });
}
