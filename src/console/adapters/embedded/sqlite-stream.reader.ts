import type { SqliteStreams } from "../../../platform/adapters/embedded/sqlite-streams.ts";
import type { StreamEntry, StreamReader } from "../../ports/stream-reader.port.ts";
import { parseJson } from "../stream-record.json.ts";

/** The local streams, by their short names (`users` -> `local-user-service-users`). */
export class SqliteStreamReader implements StreamReader {
  readonly #streams: SqliteStreams;
  readonly #physical: Readonly<Record<string, string>>;

  constructor(streams: SqliteStreams, physicalNames: Readonly<Record<string, string>>) {
    this.#streams = streams;
    this.#physical = physicalNames;
  }

  async latest(
    stream: string,
    options: { readonly member?: string; readonly limit: number },
  ): Promise<StreamEntry[]> {
    const physical = this.#physical[stream];
    if (!physical) return [];
    return this.#streams
      .latest(physical, {
        ...(options.member === undefined ? {} : { partitionKey: options.member }),
        limit: options.limit,
      })
      .map((record) => {
        const text = Buffer.from(record.kinesis.data, "base64").toString("utf8");
        return {
          stream,
          sequence: record.kinesis.sequenceNumber,
          arrivedAt: new Date(record.kinesis.approximateArrivalTimestamp * 1000).toISOString(),
          partitionKey: record.kinesis.partitionKey,
          record: parseJson(text),
        };
      });
  }
}
