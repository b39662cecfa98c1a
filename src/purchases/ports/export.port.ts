/** A record as the data lake receives it: JSON values only, tokens and personal data stripped. */
export type ExportRecord = Record<string, string | number | boolean | null>;

/** The datasets of the daily export. */
export type ExportDataset = "subscriptions" | "user-subscriptions" | "subscription-events";

/** The purchases tables, read for the export, each record already stripped. */
export interface ExportReader {
  /** Every record of the dataset (`subscription-events`: those received on `day`), a page at a time. */
  pages(dataset: ExportDataset, day: string): AsyncIterable<readonly ExportRecord[]>;
}

/** Gzipped NDJSON documents in the object store (S3 on AWS, files locally), written once. */
export interface ExportWriter {
  exists(key: string): Promise<boolean>;
  /** Writes the records as one gzipped NDJSON document; the same key and records again change nothing. */
  write(key: string, records: readonly ExportRecord[]): Promise<void>;
}

/** One change of a subscription, as the export shows it, the day of the change and its version. */
export interface Snapshot {
  readonly subscriptionId: string;
  readonly version: number;
  /** YYYY-MM-DD, UTC. */
  readonly snapshotDate: string;
  readonly payload: ExportRecord;
}

/** The historical snapshot queue: one message per change of a subscription. */
export interface SnapshotSender {
  send(snapshots: readonly Snapshot[]): Promise<void>;
}
