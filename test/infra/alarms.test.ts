import { App, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { beforeAll, describe, expect, it } from "vitest";
import { Alarms } from "../../infra/lib/shared/alarms.construct.ts";
import { parseStageConfig, placeholderSettings } from "./support/stage-settings.ts";
import { lambdaNamed, resourcesOf, type SynthesizedStage, synthStages } from "./support/synth-stages.ts";

let dev: SynthesizedStage;

beforeAll(async () => {
  dev = (await synthStages({ stage: "dev" })).stages.dev!;
});

type Alarm = { MetricName: string; Namespace: string; Dimensions: { Name: string; Value: unknown }[] };

function alarms(): Record<string, Alarm & { AlarmName: string; AlarmActions: unknown[] }> {
  const found = resourcesOf(dev.templates.stateless, "AWS::CloudWatch::Alarm");
  return Object.fromEntries(
    Object.values(found).map((alarm) => [alarm.Properties.AlarmName as string, alarm.Properties as never]),
  );
}

/** The alarm on a metric of a resource (by its logical id, as `Ref` or `ImportValue`) */
function alarmOn(metric: string, resource: string): string | undefined {
  return Object.entries(alarms()).find(
    ([, alarm]) => alarm.MetricName === metric && JSON.stringify(alarm.Dimensions).includes(resource),
  )?.[0];
}

describe("alarms", () => {
  it("watches both APIs' 5XX errors and p99 latency", () => {
    for (const api of ["api", "legacy-api"]) {
      expect(alarms()[`dev-user-service-${api}-5xx`]).toMatchObject({
        MetricName: "5XXError",
        Statistic: "Sum",
      });
      expect(alarms()[`dev-user-service-${api}-latency-p99`]).toMatchObject({
        MetricName: "Latency",
        ExtendedStatistic: "p99",
      });
    }
  });

  it("watches every function's errors and throttles", () => {
    const functions = Object.values(resourcesOf(dev.templates.stateless, "AWS::Lambda::Function")).filter(
      (fn) => String(fn.Properties.FunctionName ?? "").startsWith("dev-user-service-"),
    );
    expect(functions).toHaveLength(9);
    for (const fn of functions) {
      const [id] = lambdaNamed(dev.templates.stateless, fn.Properties.FunctionName as string);
      expect(alarmOn("Errors", id)).toBeDefined();
      expect(alarmOn("Throttles", id)).toBeDefined();
    }
  });

  it("watches the iterator age of every stream consumer", () => {
    for (const consumer of ["payment-worker", "subscriptions", "kinesis-feeder", "usermodel-projector"]) {
      const [id] = lambdaNamed(dev.templates.stateless, `dev-user-service-${consumer}`);
      expect(alarmOn("IteratorAge", id), consumer).toBe(`dev-user-service-${consumer}-iterator-age`);
    }
  });

  it("watches every dead-letter and on-failure queue for messages", () => {
    const queues = Object.keys(resourcesOf(dev.templates.stateless, "AWS::SQS::Queue"));
    expect(queues).toHaveLength(4);
    for (const queue of queues) expect(alarmOn("ApproximateNumberOfMessagesVisible", queue)).toBeDefined();
    expect(alarmOn("ApproximateNumberOfMessagesVisible", "CleanupDeadLetters")).toBe(
      "dev-user-service-cleanup-dlq-messages",
    );
  });

  it("sends every alarm and its recovery to the stage's encrypted topic", () => {
    const [topicId] = Object.keys(resourcesOf(dev.templates.stateless, "AWS::SNS::Topic"));
    expect(Object.keys(alarms())).toHaveLength(31);
    for (const alarm of Object.values(alarms())) {
      expect(alarm).toMatchObject({ AlarmActions: [{ Ref: topicId }], OKActions: [{ Ref: topicId }] });
    }
    const [topic] = Object.values(resourcesOf(dev.templates.stateless, "AWS::SNS::Topic"));
    expect(topic?.Properties).toMatchObject({
      TopicName: "dev-user-service-alarms",
      KmsMasterKeyId: { "Fn::GetAtt": [expect.any(String), "Arn"] },
    });
  });

  it("subscribes the stage's alarm e-mail address when one is set", () => {
    const stack = new Stack(new App(), "alarms");
    const config = parseStageConfig("qa", { ...placeholderSettings(), alarmEmail: "oncall@example.com" });
    new Alarms(stack, "Alarms", {
      config,
      service: "user-service",
      apis: [],
      functions: [],
      streamConsumers: [],
      deadLetterQueues: [{ name: "q", resource: new sqs.Queue(stack, "Q") }],
    });
    Template.fromStack(stack).hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "oncall@example.com",
    });
  });
});
