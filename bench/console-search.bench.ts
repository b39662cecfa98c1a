/**
 * The console's find on 100,000 members (`BENCH_MEMBERS`): `GET /console?q=...` on the local process,
 * signed in, for each kind of query an operator types (the last four digits of a phone, a whole phone,
 * an email, a first and last name, a user id, a word nobody has), p50 and p99 over `BENCH_RUNS` runs
 * each, against a same-run baseline: the same page with no query (session, page, no search); then the
 * dashboard (`GET /console/dashboard`, the four services' reports) over 30 and 365 days on the same
 * members. The members are written straight into the usermodel projection (as its projector would, not
 * measured).
 * Prints figures and ratios; never a pass/fail on time.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { startEmbeddedPostgres } from "../src/platform/adapters/embedded/embedded-postgres.ts";
import { consoleSession } from "./support/console-session.ts";
import { run, startServer } from "./support/processes.ts";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const FIRST = [
  "Ada",
  "Bo",
  "Cy",
  "Dee",
  "Eli",
  "Fay",
  "Gus",
  "Hal",
  "Ivy",
  "Jo",
  "Kai",
  "Lu",
  "Mo",
  "Ned",
  "Ola",
  "Pia",
  "Quin",
  "Rae",
  "Sol",
  "Tea",
];
const LAST = [
  "Byron",
  "Chen",
  "Dunn",
  "Egan",
  "Fox",
  "Gale",
  "Hart",
  "Ives",
  "Jain",
  "Kerr",
  "Lund",
  "Moss",
  "Nash",
  "Orr",
  "Park",
  "Quay",
  "Rios",
  "Shaw",
  "Tate",
  "Umar",
  "Vega",
  "Wolf",
  "Xu",
  "Yates",
  "Zane",
];
const CITIES = ["Austin", "Boston", "Chicago", "Denver", "El Paso", "Fresno", "Houston", "Miami"];

const dataDir = mkdtempSync(join(tmpdir(), "roster-bench-console-"));
chmodSync(dataDir, 0o755);
const postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, "postgres") });
const roster = await startServer("src/runtime/local/main.ts", {
  ...process.env,
  ROSTER_DATA_DIR: dataDir,
  PORT: "0",
  DATABASE_URL: postgres.connectionString,
  LOG_LEVEL: "WARN",
});
const sql = new pg.Client({ connectionString: postgres.connectionString });
await sql.connect();
try {
  const seeded = performance.now();
  await sql.query(
    `insert into usermodel (user_id, first_name, last_name, email, phone, city, employment_validation, date_joined, date_updated)
     select 'auth0|bench' || i, ($2::text[])[1 + i % $5], ($3::text[])[1 + (i / $5) % $6], 'member' || i || '@example.com',
            lpad(((5550000000::bigint + i::bigint * 7919) % 10000000000)::text, 10, '0'), ($4::text[])[1 + i % $7],
            'ACTIVE', now() - make_interval(mins => i), now()
     from generate_series(1, $1::int) as i`,
    [MEMBERS, FIRST, LAST, CITIES, FIRST.length, LAST.length, CITIES.length],
  );
  await sql.query("analyze usermodel");
  const seedMs = performance.now() - seeded;
  const cookie = await consoleSession(roster.base, "sam");
  // One member signed up through the API, whose id the console looks up in the User Service's table.
  const token = (
    await run(process.execPath, ["src/runtime/local/token.cli.ts", "--user", "auth0|bench-probe", "--mfa"], {
      env: { ...process.env, ROSTER_DATA_DIR: dataDir },
    })
  ).stdout.trim();
  const signUp = await fetch(`${roster.base}/users/create`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ user_email: "probe@example.com", user_first_name: "Probe" }),
  });
  if (signUp.status !== 201) throw new Error(`the probe member's sign-up answered ${signUp.status}`);
  const probe = Math.floor(MEMBERS * 0.54321);
  const phone = (await sql.query("select phone from usermodel where user_id = $1", [`auth0|bench${probe}`]))
    .rows[0]?.phone as string;
  const queries: [string, string][] = [
    ["last four digits", phone.slice(-4)],
    ["whole phone", `(${phone.slice(0, 3)}) ${phone.slice(3, 6)}-${phone.slice(6)}`],
    ["email", `member${probe}@example.com`],
    [
      "first and last name",
      `${FIRST[probe % FIRST.length]} ${LAST[Math.floor(probe / FIRST.length) % LAST.length]}`,
    ],
    ["user id", "auth0|bench-probe"],
    ["nobody", "zqxvj"],
  ];

  const page = async (path: string) => {
    const started = performance.now();
    const response = await fetch(`${roster.base}${path}`, { headers: { cookie } });
    const html = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
    return {
      ms: performance.now() - started,
      found: /(\d+) members? match|No member matches|[\d,]+<\/strong> users/.exec(html)?.[0] ?? "",
    };
  };
  const find = (query: string) => `/console${query ? `?q=${encodeURIComponent(query)}` : ""}`;
  const measure = async (path: string) => {
    await page(path);
    const times: number[] = [];
    let found = "";
    for (let run = 0; run < RUNS; run++) {
      const answer = await page(path);
      times.push(answer.ms);
      found = answer.found;
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
    return { p50: at(0.5), p99: at(0.99), found };
  };

  const baseline = await measure(find(""));
  process.stdout.write(
    `console find on ${MEMBERS.toLocaleString("en-US")} members (seeded in ${(seedMs / 1000).toFixed(1)} s), ${RUNS} runs each, ${process.version}\n` +
      `baseline: the find page without a query  p50 ${baseline.p50.toFixed(1)} ms  p99 ${baseline.p99.toFixed(1)} ms\n`,
  );
  const row = (kind: string, shown: string, result: Awaited<ReturnType<typeof measure>>) =>
    process.stdout.write(
      `${kind.padEnd(20)} ${shown.padEnd(30)} p50 ${result.p50.toFixed(1).padStart(7)} ms  p99 ${result.p99.toFixed(1).padStart(7)} ms  ratio to baseline p50 ${(result.p50 / baseline.p50).toFixed(1).padStart(5)}  ${result.found}\n`,
    );
  for (const [kind, query] of queries) row(kind, JSON.stringify(query), await measure(find(query)));
  // The dashboard on the same members: the four services' reports (usermodel's scans the 100,000 rows).
  for (const days of [30, 365]) {
    row("dashboard", `${days} days`, await measure(`/console/dashboard?days=${days}`));
  }
} finally {
  await sql.end();
  await roster.stop();
  await postgres.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
