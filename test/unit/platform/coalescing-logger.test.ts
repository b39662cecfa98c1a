import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCoalescingLogger } from "../../../src/platform/logging/coalescing.logger.ts";

const nextTurn = () => new Promise((done) => setImmediate(done));

describe("the local process's logger: Powertools lines, one write per turn of the event loop", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes the lines of one turn together, in order, and WARN and above to stderr", async () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const logger = createCoalescingLogger("roster-test");
    logger.info("first", { n: 1 });
    logger.info("second", { n: 2 });
    logger.warn("careful");
    logger.createChild({ persistentKeys: { part: "child" } }).info("third");
    expect(out).not.toHaveBeenCalled();
    await nextTurn();
    expect(out).toHaveBeenCalledTimes(1);
    const lines = String(out.mock.calls[0]?.[0])
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.message)).toEqual(["first", "second", "third"]);
    expect(lines[0]).toMatchObject({ level: "INFO", service: "roster-test", n: 1 });
    expect(lines[2]).toMatchObject({ part: "child" });
    expect(err).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(err.mock.calls[0]?.[0]))).toMatchObject({ level: "WARN", message: "careful" });
    logger.info("later");
    await nextTurn();
    expect(out).toHaveBeenCalledTimes(2);
  });

  it("loses no line when the process exits before the next turn", async () => {
    const module = resolve("src/platform/logging/coalescing.logger.ts");
    const script = `import { createCoalescingLogger } from ${JSON.stringify(module)};
      const logger = createCoalescingLogger("roster-exit");
      for (let n = 0; n < 500; n++) logger.info("line", { n });
      logger.error("last words");
      process.exit(3);`;
    const run = promisify(execFile)(process.execPath, ["--input-type=module", "-e", script]);
    const failed = await run.then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed?.code).toBe(3);
    const lines = (failed?.stdout ?? "")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.n)).toEqual(Array.from({ length: 500 }, (_, n) => n));
    expect(JSON.parse(failed?.stderr ?? "")).toMatchObject({ level: "ERROR", message: "last words" });
  });
});
