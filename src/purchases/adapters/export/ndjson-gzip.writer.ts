import { gzipSync } from "node:zlib";
import type { ObjectStore } from "../../../platform/objects/object-store.port.ts";
import type { ExportRecord, ExportWriter } from "../../ports/export.port.ts";

/**
 * Gzipped NDJSON documents on the object store (S3 on AWS, the data folder's `objects/` locally). The
 * gzip header carries no time (Node writes mtime 0), so the same records make the same bytes and a
 * repeated write is "unchanged", not a conflict.
 */
export class NdjsonGzipWriter implements ExportWriter {
  readonly #objects: ObjectStore;
  constructor(objects: ObjectStore) {
    this.#objects = objects;
  }

  async exists(key: string): Promise<boolean> {
    return (await this.#objects.get(key)) !== undefined;
  }

  async write(key: string, records: readonly ExportRecord[]): Promise<void> {
    const text = records.map((record) => `${JSON.stringify(record)}\n`).join("");
    await this.#objects.putImmutable(key, gzipSync(text), { contentType: "application/gzip" });
  }
}
