/**
 * The local event runtime for people (acts on the data folder of a running or stopped `npm start`):
 *   npm run events -- put <payments|subscriptions|users> <file.json> [--user <id>] [--same-id] [--raw]
 *   npm run events -- tail <payments|subscriptions|users> [--no-follow]
 *   npm run events -- dlq list | dlq redrive <mapping | cleanup> | dlq redrive --id <n>
 *   npm run events -- segment [--user <id>]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openSqlite } from "../../platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../platform/adapters/embedded/sqlite-table.store.ts";
import { systemClock } from "../../platform/time/clock.port.ts";
import { SandboxAnalytics } from "../../users/adapters/analytics.sandbox.ts";
import { prepareRecord } from "./events-record.ts";
import { loadLocalConfig } from "./local.config.ts";
import { type LocalChannels, localChannels, STREAM_NAMES, type StreamName } from "./local-channels.ts";

const USAGE = `usage: npm run events -- put <${STREAM_NAMES.join("|")}> <file.json> [--user <id>] [--same-id] [--raw]
       npm run events -- tail <${STREAM_NAMES.join("|")}> [--no-follow]
       npm run events -- dlq list | dlq redrive <mapping|cleanup> | dlq redrive --id <n>
       npm run events -- segment [--user <id>]`;

const FOLLOW_EVERY_MS = 250;
const print = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);

function streamOf(name: string | undefined): StreamName {
  if (!STREAM_NAMES.includes(name as StreamName))
    throw new Error(`name a stream: ${STREAM_NAMES.join(", ")}`);
  return name as StreamName;
}

async function put(channels: LocalChannels, args: string[], values: Values): Promise<void> {
  const stream = streamOf(args[0]);
  if (!args[1]) throw new Error("name the JSON file of the record to put");
  const record = JSON.parse(readFileSync(args[1], "utf8")) as Record<string, unknown>;
  const prepared = prepareRecord(stream, record, {
    ...(values.user ? { user: values.user } : {}),
    keepId: values["same-id"] === true,
    raw: values.raw === true,
  });
  const physical = channels.names.streams[stream];
  const [result] = await channels.streams.put(physical, [
    { partitionKey: prepared.partitionKey, data: prepared.data },
  ]);
  print({ stream: physical, ...result, partitionKey: prepared.partitionKey, event_id: prepared.eventId });
}

async function tail(channels: LocalChannels, args: string[], values: Values): Promise<void> {
  const physical = channels.names.streams[streamOf(args[0])];
  let cursor: string | undefined;
  for (;;) {
    const page = channels.streams.tail(physical, cursor === undefined ? {} : { cursor }, 500);
    for (const { kinesis, eventID } of page.records) {
      const data = Buffer.from(kinesis.data, "base64").toString("utf8");
      print({
        shardId: eventID.split(":")[0],
        sequenceNumber: kinesis.sequenceNumber,
        partitionKey: kinesis.partitionKey,
        arrivedAt: new Date(kinesis.approximateArrivalTimestamp * 1000).toISOString(),
        data: parsedOr(data),
      });
    }
    cursor = page.cursor;
    if (page.records.length === 500) continue;
    if (values["no-follow"]) return;
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_EVERY_MS));
  }
}

function dlq(channels: LocalChannels, args: string[], values: Values): void {
  const { deadLetters, queues, names } = channels;
  if (args[0] === "list") {
    for (const entry of deadLetters.list()) print({ kind: "stream", ...entry, record: undefined });
    for (const message of queues.list(names.cleanupDeadLetters))
      print({ kind: "queue", queue: names.cleanupDeadLetters, ...message });
    return;
  }
  if (args[0] !== "redrive") throw new Error("dlq takes list or redrive");
  if (values.id !== undefined) {
    print({ redriven: deadLetters.redrive({ ids: [Number(values.id)] }) });
  } else if (args[1] === "cleanup") {
    print({ redriven: queues.redrive(names.cleanupDeadLetters, names.cleanup) });
  } else {
    if (!args[1]) throw new Error("name a mapping (see dlq list), cleanup, or --id <n>");
    print({ redriven: deadLetters.redrive({ mapping: args[1] }) });
  }
}

function parsedOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const OPTIONS = {
  user: { type: "string" },
  "same-id": { type: "boolean" },
  raw: { type: "boolean" },
  "no-follow": { type: "boolean" },
  id: { type: "string" },
} as const;
type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

async function main(): Promise<void> {
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      options: OPTIONS,
      allowPositionals: true,
    });
    const config = loadLocalConfig();
    const db = openSqlite(join(config.ROSTER_DATA_DIR, "roster.sqlite"));
    const channels = localChannels(db, config);
    const [command, ...args] = positionals;
    if (command === "put") await put(channels, args, values);
    else if (command === "tail") await tail(channels, args, values);
    else if (command === "dlq") dlq(channels, args, values);
    else if (command === "segment") {
      const store = new SqliteTableStore(db, config.STAGE, systemClock);
      for (const call of await new SandboxAnalytics({ store, clock: systemClock }).calls(values.user))
        print(call);
    } else throw new Error(command ? `unknown command ${command}` : "name a command");
    db.close();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exitCode = 2;
  }
}

if (import.meta.main) await main();
