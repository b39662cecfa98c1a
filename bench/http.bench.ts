/**
 * GET /{user_id}/user on the local runtime against a bare Hono route in the same run, and beside them
 * the floor of any route that reads a header, a row and writes a line (`support/floor-server.ts`):
 * req/s, p50 and p99 latency, and the ratio to the baseline. Never a pass/fail on time.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { run, startServer } from "./support/processes.ts";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 50;

interface Measured {
  readonly name: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

async function measure(name: string, url: string, headers: Record<string, string>): Promise<Measured> {
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers }); // warm-up
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  const errors = result.errors + result.non2xx;
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors };
}

const dataDir = mkdtempSync(join(tmpdir(), "roster-bench-"));
chmodSync(dataDir, 0o755);
const env = { ...process.env, ROSTER_DATA_DIR: dataDir, PORT: "0" };
const roster = await startServer("src/runtime/local/main.ts", env);
const bare = await startServer("bench/support/bare-server.ts");
const FLOOR_TOKEN = "Bearer floor";
const floor = await startServer("bench/support/floor-server.ts", { ...process.env, FLOOR_TOKEN });
try {
  const token = async (...args: string[]) =>
    (await run(process.execPath, ["src/runtime/local/token.cli.ts", ...args], { env })).stdout.trim();
  const userToken = await token("--user", "auth0|bench", "--mfa");
  const created = await fetch(`${roster.base}/users/create`, {
    method: "POST",
    headers: { authorization: `Bearer ${userToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      user_email: "bench@example.com",
      user_phone: "5552017788",
      user_first_name: "Bench",
    }),
  });
  if (created.status !== 201) throw new Error(`seeding the user failed: ${created.status}`);
  const auth = { authorization: `Bearer ${await token("--service", "bench")}` };

  const baseline = await measure("bare Hono constant JSON", `${bare.base}/auth0%7Cbench/user`, {});
  const least = await measure(
    "floor: header check + one SQLite row + one log line",
    `${floor.base}/auth0%7Cbench/user`,
    {
      authorization: FLOOR_TOKEN,
    },
  );
  const users = await measure(
    "GET /{user_id}/user (local runtime)",
    `${roster.base}/auth0%7Cbench/user`,
    auth,
  );
  const rows = [baseline, least, users].map((m) => ({
    route: m.name,
    "req/s": Math.round(m.rps),
    "p50 ms": m.p50,
    "p99 ms": m.p99,
    errors: m.errors,
    "ratio to baseline": (m.rps / baseline.rps).toFixed(2),
  }));
  process.stdout.write(`${CONNECTIONS} connections, ${DURATION_S} s each, ${process.version}\n`);
  console.table(rows);
} finally {
  await roster.stop();
  await bare.stop();
  await floor.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
