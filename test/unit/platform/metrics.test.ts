import { afterEach, describe, expect, it, vi } from "vitest";
import { PowertoolsMetrics } from "../../../src/platform/adapters/aws/powertools.metrics.ts";
import { RecordingMetrics } from "../../../src/platform/adapters/embedded/recording.metrics.ts";

interface EmfLine {
  readonly _aws: {
    readonly Timestamp: number;
    readonly CloudWatchMetrics: {
      readonly Namespace: string;
      readonly Dimensions: string[][];
      readonly Metrics: { Name: string; Unit: string }[];
    }[];
  };
  readonly [name: string]: unknown;
}

/** The JSON lines written to stdout while `act` runs. */
function stdoutLines(act: () => void): EmfLine[] {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  });
  try {
    act();
  } finally {
    spy.mockRestore();
  }
  return written
    .join("")
    .split("\n")
    .filter((line) => line.trim().startsWith("{"))
    .map((line) => JSON.parse(line) as EmfLine);
}

describe("Powertools metrics", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("writes one EMF line per count, at once, in the namespace with the service dimension", () => {
    vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
    const metrics = new PowertoolsMetrics({ namespace: "roster-test", serviceName: "user-service" });

    const lines = stdoutLines(() => {
      metrics.count("user.membership.unpaused");
      metrics.count("user.membership.unpaused", 3);
    });

    expect(lines).toHaveLength(2);
    const [first, second] = lines;
    expect(first?._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: "roster-test",
      Dimensions: [["service"]],
      Metrics: [{ Name: "user.membership.unpaused", Unit: "Count" }],
    });
    expect(first).toMatchObject({ service: "user-service", "user.membership.unpaused": 1 });
    expect(second).toMatchObject({ "user.membership.unpaused": 3 });
  });

  it("writes a count with its own dimensions beside the service's, at once", () => {
    vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
    const metrics = new PowertoolsMetrics({ namespace: "roster-test", serviceName: "local-event-runtime" });

    const lines = stdoutLines(() => {
      metrics.count("roster.deadletter.records", 2, { mapping: "m", source: "local-payments" });
      metrics.count("roster.deadletter.records");
    });

    expect(lines).toHaveLength(2);
    expect(lines[0]?._aws.CloudWatchMetrics[0]?.Dimensions[0]?.sort()).toEqual([
      "mapping",
      "service",
      "source",
    ]);
    expect(lines[0]).toMatchObject({
      service: "local-event-runtime",
      mapping: "m",
      source: "local-payments",
      "roster.deadletter.records": 2,
    });
    expect(lines[1]).not.toHaveProperty("mapping");
  });

  it("writes nothing when Powertools metrics are disabled", () => {
    vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "true");
    const metrics = new PowertoolsMetrics({ namespace: "roster-test", serviceName: "user-service" });
    expect(stdoutLines(() => metrics.count("user.membership.unpaused"))).toEqual([]);
  });
});

describe("recording metrics", () => {
  it("adds up each metric's counts", () => {
    const metrics = new RecordingMetrics();
    metrics.count("user.membership.unpaused");
    metrics.count("user.membership.unpaused", 2);
    metrics.count("user.banned");
    expect(metrics.counts()).toEqual({ "user.membership.unpaused": 3, "user.banned": 1 });
  });

  it("keeps each count's dimensions", () => {
    const metrics = new RecordingMetrics();
    metrics.count("roster.deadletter.records", 3, { mapping: "m" });
    expect(metrics.recorded("roster.deadletter.records")).toEqual([
      { name: "roster.deadletter.records", value: 3, dimensions: { mapping: "m" } },
    ]);
  });

  it("starts with no counts", () => {
    expect(new RecordingMetrics().counts()).toEqual({});
  });
});
