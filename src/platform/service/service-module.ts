import type { DatabaseSync } from "node:sqlite";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { DeadLetters } from "../adapters/embedded/dead-letters.ts";
import type { LocalIssuer } from "../adapters/embedded/local-issuer.ts";
import type { SqliteEventBus } from "../adapters/embedded/sqlite-event-bus.ts";
import type { SqliteQueues } from "../adapters/embedded/sqlite-queues.ts";
import type { SqliteStreams } from "../adapters/embedded/sqlite-streams.ts";
import type { SqliteTableStore } from "../adapters/embedded/sqlite-table.store.ts";
import type { QueueDeclaration, StreamContract } from "../events/channel.contract.ts";
import type { AppEnv } from "../http/app-env.ts";
import type { HealthCheck } from "../http/health.routes.ts";
import type { Logger } from "../logging/logger.ts";
import type { Metrics } from "../metrics/metrics.port.ts";
import type { CursorCodec } from "../store/cursor-codec.ts";
import type { TableSpec } from "../store/table-spec.ts";
import type { Clock } from "../time/clock.port.ts";
import type { IdGenerator } from "../time/id-generator.port.ts";
import type { EventSourceDeclaration, ScheduleDeclaration } from "./event-source.declaration.ts";

/** The local streams and queues, by the physical names the services' declarations give them. */
export interface LocalChannels {
  readonly streams: SqliteStreams;
  readonly queues: SqliteQueues;
  readonly deadLetters: DeadLetters;
  /** Short name (`payments`) -> physical name (`local-payments`), for every stream of every service. */
  readonly streamNames: Readonly<Record<string, string>>;
  /** Short name (`cleanup`) -> the queue and its dead-letter queue. */
  readonly queueNames: Readonly<Record<string, { readonly queue: string; readonly deadLetters: string }>>;
}

/**
 * What the local runtime lends every service: the embedded stores under the data folder, the local
 * issuer, and `fetch` into every service's app (services call each other through it, as over HTTPS on AWS).
 */
export interface LocalPlatform {
  readonly stage: string;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The SQLite file of the store, the streams, the queues, the bus and the checkpoints. */
  readonly sqlite: DatabaseSync;
  readonly store: SqliteTableStore;
  readonly bus: SqliteEventBus;
  readonly channels: LocalChannels;
  readonly issuer: LocalIssuer;
  /** Seals page cursors (the store's, a search's) with the data folder's `cursor-key`. */
  readonly cursors: CursorCodec;
  /** The PostgreSQL server (embedded unless DATABASE_URL names one). */
  readonly postgresUrl: string;
  metrics(serviceName: string): Metrics;
  /** Any Roster service's API, in process. */
  fetch(request: Request): Promise<Response>;
}

/** A service as the local runtime runs it. */
export interface RunningService {
  /** The service's own app: its routes, `/openapi.json` and `/health` (what its Lambda serves on AWS). */
  readonly app: OpenAPIHono<AppEnv>;
  readonly health: readonly HealthCheck[];
  /** Its workers, each on a stream, a change feed or a queue. */
  readonly eventSources: readonly EventSourceDeclaration[];
  /** Its jobs on a schedule, if any. */
  readonly schedules?: readonly ScheduleDeclaration[];
  /**
   * Whether its app is an API whose OpenAPI document joins the others (`/openapi.json`, `/docs`);
   * false for the console, whose pages are for people, not for clients. True when absent.
   */
  readonly documented?: boolean;
  close(): Promise<void>;
}

/** A subcommand of `npm run events` that shows what a service's sandboxes recorded. */
export interface InspectCommand {
  readonly usage: string;
  run(
    platform: Pick<LocalPlatform, "stage" | "store" | "clock" | "channels">,
    user: string | undefined,
  ): Promise<unknown[]>;
}

/**
 * For `npm run events -- put <stream> <file> --user <id>`: makes an example record of a stream the service
 * reads coherent with that user's state (its dates, say), as the stream's producer would write it.
 */
export interface ExampleFiller {
  fill(
    platform: Pick<LocalPlatform, "stage" | "store" | "clock">,
    record: Readonly<Record<string, unknown>>,
    user: string,
  ): Promise<Record<string, unknown>>;
}

/**
 * One Roster service as the runtimes compose it (`src/<service>/<service>.module.ts`): what it owns
 * (tables, the streams it produces, queues), what it reads, and how it starts in the local process.
 * On AWS the same service is its Lambdas (`src/<service>/lambda/`) and its stacks (`infra/lib/<service>/`).
 */
export interface ServiceModule {
  /** Short name: `users`, `payments`, ... (tags its OpenAPI operations, names its document). */
  readonly name: string;
  /** What people call it: "User Service". */
  readonly title: string;
  /** Its single-table tables (the runtime sweeps their expired items). */
  readonly tables: readonly TableSpec[];
  /** The streams it produces. */
  readonly streams: readonly StreamContract[];
  /** The streams it reads that other services produce (created locally even before their producer exists). */
  readonly consumes: readonly StreamContract[];
  readonly queues: readonly QueueDeclaration[];
  /** The queues it reads that other services own (created locally even before their owner exists). */
  readonly consumesQueues?: readonly QueueDeclaration[];
  readonly inspect?: Readonly<Record<string, InspectCommand>>;
  /** By the name of a stream it reads: how an example record put for a user is filled in. */
  readonly examples?: Readonly<Record<string, ExampleFiller>>;
  start(platform: LocalPlatform): Promise<RunningService>;
}
