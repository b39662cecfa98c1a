/**
 * The local event runtime for people (acts on the data folder of a running or stopped `npm start`):
 *   npm run events -- put <stream> <file.json> [--user <id>] [--same-id] [--keep-dates] [--raw]
 *   npm run events -- tail <stream> [--no-follow]
 *   npm run events -- dlq list | dlq redrive <mapping | queue> | dlq redrive --id <n>
 *   npm run events -- <inspect command of a service> [--user <id>]
 * Streams and queues are those the services declare (src/runtime/local/services.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { LocalClock } from "../../platform/adapters/embedded/local-clock.ts";
import { openSqlite } from "../../platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../platform/adapters/embedded/sqlite-table.store.ts";
import { wantsHelp } from "../../platform/config/cli-args.ts";
import { loadLocalConfig } from "../../platform/config/local.config.ts";
import type { StreamContract } from "../../platform/events/channel.contract.ts";
import type { InspectCommand, LocalChannels, LocalPlatform } from "../../platform/service/service-module.ts";
import { prepareRecord } from "./events-record.ts";
import { localChannels, streamContracts } from "./local-channels.ts";
import { SERVICES } from "./services.ts";

const STREAMS = streamContracts(SERVICES).sort((a, b) => a.name.localeCompare(b.name));
const STREAM_NAMES = STREAMS.map((contract) => contract.name);
const QUEUE_NAMES = SERVICES.flatMap((service) => service.queues.map((queue) => queue.name));
/** Each service's commands about its sandboxes (`segment`: what the User Service sent to Segment). */
const INSPECT = new Map<string, InspectCommand>(
  SERVICES.flatMap((service) => Object.entries(service.inspect ?? {})),
);
/** How the services that read a stream fill an example put for a user (the User Service: the dates). */
const FILLERS = SERVICES.flatMap((service) => Object.entries(service.examples ?? {}));

const USAGE = [
  `usage: npm run events -- put <${STREAM_NAMES.join("|")}> <file.json> [--user <id>] [--same-id] [--keep-dates] [--raw]`,
  `       npm run events -- tail <${STREAM_NAMES.join("|")}> [--no-follow]`,
  `       npm run events -- dlq list | dlq redrive <mapping|${QUEUE_NAMES.join("|")}> | dlq redrive --id <n>`,
  ...[...INSPECT].map(([name, command]) => `       npm run events -- ${name} ${command.usage}`),
].join("\n");

const FOLLOW_EVERY_MS = 250;
const print = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);
/** A note for the person at the terminal, on standard error, so standard output stays JSON lines. */
const say = (text: string): void => void process.stderr.write(`${text}\n`);

function streamOf(name: string | undefined): StreamContract {
  const contract = STREAMS.find((candidate) => candidate.name === name);
  if (!contract) throw new Error(`name a stream: ${STREAM_NAMES.join(", ")}`);
  return contract;
}

async function put(
  channels: LocalChannels,
  platform: Pick<LocalPlatform, "stage" | "store" | "clock">,
  args: string[],
  values: Values,
): Promise<void> {
  const stream = streamOf(args[0]);
  if (!args[1]) throw new Error("name the JSON file of the record to put");
  let record = JSON.parse(readFileSync(args[1], "utf8")) as Record<string, unknown>;
  const fillers = FILLERS.filter(([name]) => name === stream.name).map(([, filler]) => filler);
  if (values.user && !values.raw && !values["keep-dates"] && fillers.length > 0) {
    const before = record;
    for (const filler of fillers) record = await filler.fill(platform, record, values.user);
    const changed = changedPaths(before, record);
    if (changed.length > 0)
      say(`filled in for ${values.user}: ${changed.join(", ")} (--keep-dates puts the file's values)`);
  }
  const prepared = prepareRecord(stream, record, {
    ...(values.user ? { user: values.user } : {}),
    keepId: values["same-id"] === true,
    raw: values.raw === true,
  });
  const physical = channels.streamNames[stream.name] as string;
  const [result] = await channels.streams.put(physical, [
    { partitionKey: prepared.partitionKey, data: prepared.data },
  ]);
  print({ stream: physical, ...result, partitionKey: prepared.partitionKey, event_id: prepared.eventId });
}

async function tail(channels: LocalChannels, args: string[], values: Values): Promise<void> {
  const physical = channels.streamNames[streamOf(args[0]).name] as string;
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
  const { deadLetters, queues, queueNames } = channels;
  if (args[0] === "list") {
    const streamed = deadLetters.list();
    const queued = Object.values(queueNames).flatMap(({ deadLetters: queue }) =>
      queues.list(queue).map((message) => ({ kind: "queue", queue, ...message })),
    );
    for (const entry of streamed) print({ kind: "stream", ...entry, record: undefined });
    for (const message of queued) print(message);
    if (streamed.length + queued.length === 0) say("no dead letters: every record and message was handled");
    return;
  }
  if (args[0] !== "redrive") throw new Error("dlq takes list or redrive");
  if (values.id !== undefined) {
    print({ redriven: deadLetters.redrive({ ids: [Number(values.id)] }) });
  } else if (args[1] !== undefined && queueNames[args[1]]) {
    const { queue, deadLetters: from } = queueNames[args[1]] as { queue: string; deadLetters: string };
    print({ redriven: queues.redrive(from, queue) });
  } else {
    if (!args[1]) throw new Error(`name a mapping (see dlq list), ${QUEUE_NAMES.join(", ")}, or --id <n>`);
    print({ redriven: deadLetters.redrive({ mapping: args[1] }) });
  }
}

/** The dotted paths of the leaves whose values differ between `a` and `b`. */
function changedPaths(a: unknown, b: unknown, at = ""): string[] {
  if (a && b && typeof a === "object" && typeof b === "object")
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((key) =>
      changedPaths(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        at ? `${at}.${key}` : key,
      ),
    );
  return a === b ? [] : [at];
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
  "keep-dates": { type: "boolean" },
  raw: { type: "boolean" },
  "no-follow": { type: "boolean" },
  id: { type: "string" },
} as const;
type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

async function main(): Promise<void> {
  if (wantsHelp(process.argv.slice(2))) {
    process.stdout.write(
      `The local streams, queues and dead letters of \`npm start\`'s data folder (ROSTER_DATA_DIR, default ./.roster).\n${USAGE}\n`,
    );
    return;
  }
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      options: OPTIONS,
      allowPositionals: true,
    });
    const config = loadLocalConfig();
    // The server's time (npm run clock): records arrive, and example dates are filled, at it.
    const clock = LocalClock.open(config.ROSTER_DATA_DIR);
    const db = openSqlite(join(config.ROSTER_DATA_DIR, "roster.sqlite"));
    const channels = localChannels(db, config, SERVICES, () => clock.now());
    const [command, ...args] = positionals;
    const store = new SqliteTableStore(db, config.STAGE, clock);
    const platform = { stage: config.STAGE, store, clock };
    if (command === "put") await put(channels, platform, args, values);
    else if (command === "tail") await tail(channels, args, values);
    else if (command === "dlq") dlq(channels, args, values);
    else if (command !== undefined && INSPECT.has(command)) {
      const inspect = INSPECT.get(command) as InspectCommand;
      const entries = await inspect.run({ ...platform, channels }, values.user);
      for (const entry of entries) print(entry);
      if (entries.length === 0)
        say(`${command}: nothing recorded${values.user ? ` for ${values.user}` : ""}`);
    } else throw new Error(command ? `unknown command ${command}` : "name a command");
    db.close();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exitCode = 2;
  }
}

if (import.meta.main) await main();
