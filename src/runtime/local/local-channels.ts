import type { DatabaseSync } from "node:sqlite";
import { DeadLetters } from "../../platform/adapters/embedded/dead-letters.ts";
import { SqliteQueues } from "../../platform/adapters/embedded/sqlite-queues.ts";
import { SqliteStreams } from "../../platform/adapters/embedded/sqlite-streams.ts";
import type { LocalConfig } from "../../platform/config/local.config.ts";
import {
  type QueueDeclaration,
  queuePhysicalNames,
  type StreamContract,
} from "../../platform/events/channel.contract.ts";
import type { LocalChannels, ServiceModule } from "../../platform/service/service-module.ts";

export type ChannelConfig = Pick<
  LocalConfig,
  "STAGE" | "ROSTER_STREAM_SHARDS" | "ROSTER_STREAM_RETENTION_HOURS" | "ROSTER_QUEUE_MAX_RECEIVES"
>;

export type ChannelOwner = Pick<ServiceModule, "streams" | "consumes" | "queues" | "consumesQueues">;

/** Every stream the services produce or read, once each by short name, producers' declarations first. */
export function streamContracts(services: readonly ChannelOwner[]): StreamContract[] {
  const byName = new Map<string, StreamContract>();
  for (const contract of services.flatMap((s) => [...s.streams, ...s.consumes]))
    if (!byName.has(contract.name)) byName.set(contract.name, contract);
  return [...byName.values()];
}

/**
 * The local streams and queues that the services declare, on the store's SQLite file. The running
 * process and the events CLI open them alike, so a record put by the CLI is read by the process's mappings.
 */
export function localChannels(
  db: DatabaseSync,
  config: ChannelConfig,
  services: readonly ChannelOwner[],
  now: () => Date = () => new Date(),
): LocalChannels {
  const streamNames = Object.fromEntries(
    streamContracts(services).map((contract) => [contract.name, contract.physicalName(config.STAGE)]),
  );
  const declarations = queueDeclarations(services);
  const queueNames = Object.fromEntries(
    declarations.map((q) => [q.name, queuePhysicalNames(q, config.STAGE)]),
  );
  const stream = (name: string) => ({
    name,
    shards: config.ROSTER_STREAM_SHARDS,
    retentionHours: config.ROSTER_STREAM_RETENTION_HOURS,
  });
  const maxReceiveCount = config.ROSTER_QUEUE_MAX_RECEIVES;
  return {
    streamNames,
    queueNames,
    streams: new SqliteStreams(db, { streams: Object.values(streamNames).map(stream), now }),
    queues: new SqliteQueues(db, {
      queues: declarations.flatMap((declaration) =>
        queueDefinitions(declaration, config.STAGE, maxReceiveCount),
      ),
      now,
    }),
    deadLetters: new DeadLetters(db, now),
  };
}

/**
 * Every queue the services own or read, once each by short name, owners' declarations first: a service
 * that reads another's queue (the User Service the Purchases service's soft opt-ins) runs without it.
 */
export function queueDeclarations(services: readonly ChannelOwner[]): QueueDeclaration[] {
  const byName = new Map<string, QueueDeclaration>();
  for (const declaration of services.flatMap((s) => [...s.queues, ...(s.consumesQueues ?? [])]))
    if (!byName.has(declaration.name)) byName.set(declaration.name, declaration);
  return [...byName.values()];
}

/**
 * A declared queue and its dead-letter queue; a FIFO queue's dead-letter queue is FIFO too (SQS refuses
 * any other), and deduplication is by the sender's ids, as `contentBasedDeduplication: false` on AWS.
 */
function queueDefinitions(declaration: QueueDeclaration, stage: string, maxReceiveCount: number) {
  const { queue, deadLetters } = queuePhysicalNames(declaration, stage);
  const kind = declaration.fifo ? { fifo: true, contentBasedDeduplication: false } : {};
  return [
    { name: queue, ...kind, redrivePolicy: { deadLetterQueue: deadLetters, maxReceiveCount } },
    { name: deadLetters, ...kind },
  ];
}
