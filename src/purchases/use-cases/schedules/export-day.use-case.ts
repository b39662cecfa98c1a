import type { ExportDataset, ExportReader, ExportWriter } from "../../ports/export.port.ts";

export interface ExportDeps {
  readonly reader: ExportReader;
  readonly writer: ExportWriter;
}

export interface ExportResult {
  readonly day: string;
  /** False when the day was exported before: nothing is written again. */
  readonly exported: boolean;
  readonly records: Readonly<Partial<Record<ExportDataset, number>>>;
}

const DATASETS: readonly ExportDataset[] = ["subscriptions", "user-subscriptions", "subscription-events"];

/** Where the day's export lives: `purchases/exports/date=YYYY-MM-DD/`. */
export const exportPrefix = (day: string) => `purchases/exports/date=${day}/`;

/**
 * The daily export (00:03 UTC, of the day before): the subscriptions and user-subscriptions tables
 * whole and the notifications received that day, as gzipped NDJSON, one document per page, under a
 * prefix per run. The manifest is written last and names the run's documents: a run that crashed
 * midway leaves documents no manifest names, and the next run starts again under its own run id.
 */
export async function exportDay(deps: ExportDeps, day: string, runId: string): Promise<ExportResult> {
  const manifestKey = `${exportPrefix(day)}manifest.json.gz`;
  if (await deps.writer.exists(manifestKey)) return { day, exported: false, records: {} };
  const records: Partial<Record<ExportDataset, number>> = {};
  const documents: { dataset: ExportDataset; key: string; records: number }[] = [];
  for (const dataset of DATASETS) {
    let part = 0;
    let count = 0;
    for await (const page of deps.reader.pages(dataset, day)) {
      if (page.length === 0) continue;
      const key = `${exportPrefix(day)}run=${runId}/${dataset}/part-${String(part).padStart(5, "0")}.ndjson.gz`;
      await deps.writer.write(key, page);
      documents.push({ dataset, key, records: page.length });
      part += 1;
      count += page.length;
    }
    records[dataset] = count;
  }
  await deps.writer.write(
    manifestKey,
    documents.map((d) => ({ dataset: d.dataset, key: d.key, records: d.records, runId })),
  );
  return { day, exported: true, records };
}
