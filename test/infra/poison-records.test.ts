/**
 * Issue 11, "poison records never block a flow", on AWS: every event source mapping of every stack of
 * every stage is bounded and has somewhere to put what it gives up, and every place that holds given-up
 * records has an alarm. Generated from the synthesized templates, not from a list: a mapping or queue
 * added later is checked without touching this file.
 */
import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { resourcesOf, type SynthesizedStage, synthStages } from "./support/synth-stages.ts";

let stages: Record<string, SynthesizedStage>;

beforeAll(async () => {
  ({ stages } = await synthStages());
});

type Json = Record<string, unknown>;
interface Located {
  readonly stack: string;
  readonly id: string;
}

/** Every template of a stage, by stack name. */
const templatesOf = (stage: SynthesizedStage): [string, Template][] => Object.entries(stage.templatesByName);

/** The resource a `Ref`, `Fn::GetAtt` or `Fn::ImportValue` (of another stack's export) points at. */
function resolve(stage: SynthesizedStage, stack: string, value: unknown): Located | undefined {
  const token = value as Json;
  if (typeof token?.Ref === "string") return { stack, id: token.Ref };
  const getAtt = token?.["Fn::GetAtt"] as [string, string] | undefined;
  if (getAtt) return { stack, id: getAtt[0] };
  const imported = token?.["Fn::ImportValue"];
  if (typeof imported !== "string") return undefined;
  for (const [name, template] of templatesOf(stage)) {
    const outputs = (template.toJSON().Outputs ?? {}) as Record<
      string,
      { Export?: { Name: string }; Value: unknown }
    >;
    const output = Object.values(outputs).find((o) => o.Export?.Name === imported);
    if (output) return resolve(stage, name, output.Value);
  }
  return undefined;
}

function resourceAt(stage: SynthesizedStage, at: Located): { Type: string; Properties: Json } {
  const resources = stage.templatesByName[at.stack]?.toJSON().Resources as Record<string, never>;
  const found = resources?.[at.id] as { Type: string; Properties: Json } | undefined;
  if (!found) throw new Error(`no resource ${at.id} in ${at.stack}`);
  return found;
}

const key = (at: Located) => `${at.stack}/${at.id}`;

/** Every event source mapping of the stage, with its stack and properties. */
function mappings(stage: SynthesizedStage) {
  return templatesOf(stage).flatMap(([stack, template]) =>
    Object.entries(resourcesOf(template, "AWS::Lambda::EventSourceMapping")).map(([id, m]) => ({
      stack,
      id,
      props: m.Properties,
      source: resolve(stage, stack, m.Properties.EventSourceArn),
    })),
  );
}

const isQueueSource = (stage: SynthesizedStage, source: Located | undefined) =>
  source !== undefined && resourceAt(stage, source).Type === "AWS::SQS::Queue";

/** Every queue that holds given-up records: a redrive policy's target, or a stream mapping's on-failure destination. */
function deadLetterQueues(stage: SynthesizedStage): Located[] {
  const found = new Map<string, Located>();
  for (const [stack, template] of templatesOf(stage)) {
    for (const queue of Object.values(resourcesOf(template, "AWS::SQS::Queue"))) {
      const policy = queue.Properties.RedrivePolicy as { deadLetterTargetArn?: unknown } | undefined;
      const target = policy && resolve(stage, stack, policy.deadLetterTargetArn);
      if (target) found.set(key(target), target);
    }
  }
  for (const mapping of mappings(stage)) {
    const destination = (mapping.props.DestinationConfig as Json | undefined)?.OnFailure as Json | undefined;
    const target = destination && resolve(stage, mapping.stack, destination.Destination);
    if (target) found.set(key(target), target);
  }
  return [...found.values()];
}

/** The alarms of the stage on a queue's ApproximateNumberOfMessagesVisible, by the queue they watch. */
function queueAlarms(stage: SynthesizedStage): Map<string, Json[]> {
  const byQueue = new Map<string, Json[]>();
  for (const [stack, template] of templatesOf(stage)) {
    for (const alarm of Object.values(resourcesOf(template, "AWS::CloudWatch::Alarm"))) {
      if (alarm.Properties.MetricName !== "ApproximateNumberOfMessagesVisible") continue;
      const dimensions = alarm.Properties.Dimensions as { Name: string; Value: unknown }[];
      const queueName = dimensions.find((d) => d.Name === "QueueName");
      const queue = queueName && resolve(stage, stack, queueName.Value);
      if (queue) byQueue.set(key(queue), [...(byQueue.get(key(queue)) ?? []), alarm.Properties]);
    }
  }
  return byQueue;
}

describe.each(["dev", "prod"])("%s: poison records never block a flow", (name) => {
  const stage = () => stages[name]!;

  it("has event source mappings to check (streams and queues)", () => {
    const all = mappings(stage());
    expect(all.filter((m) => isQueueSource(stage(), m.source)).length).toBeGreaterThan(0);
    expect(all.filter((m) => !isQueueSource(stage(), m.source)).length).toBeGreaterThan(0);
  });

  it("bounds every stream mapping: retries, record age, bisecting unless it reports item failures, an on-failure queue", () => {
    for (const m of mappings(stage()).filter((each) => !isQueueSource(stage(), each.source))) {
      const where = `${m.stack}/${m.id}`;
      expect(m.props.MaximumRetryAttempts, where).toEqual(expect.any(Number));
      expect(m.props.MaximumRetryAttempts as number, where).toBeGreaterThanOrEqual(0);
      expect(m.props.MaximumRetryAttempts as number, where).toBeLessThanOrEqual(10);
      expect(m.props.MaximumRecordAgeInSeconds, where).toEqual(expect.any(Number));
      expect(m.props.MaximumRecordAgeInSeconds as number, where).toBeGreaterThan(0);
      const reportsItems = ((m.props.FunctionResponseTypes as string[]) ?? []).includes(
        "ReportBatchItemFailures",
      );
      if (!reportsItems) expect(m.props.BisectBatchOnFunctionError, `${where} bisects`).toBe(true);
      const destination = (m.props.DestinationConfig as Json | undefined)?.OnFailure as Json | undefined;
      const queue = destination && resolve(stage(), m.stack, destination.Destination);
      expect(queue, `${where} has an on-failure destination`).toBeDefined();
      expect(resourceAt(stage(), queue!).Type, where).toBe("AWS::SQS::Queue");
    }
  });

  it("gives every on-failure queue to one mapping only", () => {
    const destinations = mappings(stage())
      .map(
        (m) => ((m.props.DestinationConfig as Json | undefined)?.OnFailure as Json | undefined)?.Destination,
      )
      .filter((d) => d !== undefined)
      .map((d) => JSON.stringify(d));
    expect(new Set(destinations).size).toBe(destinations.length);
  });

  it("reads every queue mapping from a queue whose redrive policy dead-letters a message after a few receives", () => {
    for (const m of mappings(stage()).filter((each) => isQueueSource(stage(), each.source))) {
      const queue = resourceAt(stage(), m.source!);
      const policy = queue.Properties.RedrivePolicy as {
        maxReceiveCount: number;
        deadLetterTargetArn: unknown;
      };
      expect(policy, `${m.stack}/${m.id}'s queue has a redrive policy`).toBeDefined();
      expect(policy.maxReceiveCount).toBeGreaterThanOrEqual(1);
      expect(policy.maxReceiveCount).toBeLessThanOrEqual(10);
      expect(m.props.FunctionResponseTypes, `${m.stack}/${m.id}`).toEqual(["ReportBatchItemFailures"]);
    }
  });

  it("alarms on every dead-letter and on-failure queue holding a message, to the alarm topic", () => {
    const dlqs = deadLetterQueues(stage());
    expect(dlqs.length).toBeGreaterThan(0);
    const alarms = queueAlarms(stage());
    for (const dlq of dlqs) {
      const [alarm, ...more] = alarms.get(key(dlq)) ?? [];
      expect(alarm, `an alarm on ${key(dlq)}`).toBeDefined();
      expect(more).toEqual([]);
      expect(alarm).toMatchObject({
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        EvaluationPeriods: 1,
        AlarmActions: [{ Ref: expect.any(String) }],
      });
    }
  });
});
