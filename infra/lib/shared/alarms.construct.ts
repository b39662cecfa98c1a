/**
 * The alarms a team wants on day one, all to one SNS topic per service and stage (`{stage}-{service}-alarms`,
 * an e-mail subscription when `alarmEmail` is set): each API's 5XX errors and p99 latency, each
 * function's errors and throttles, each stream consumer's iterator age (a consumer falling behind or
 * stuck on a poison batch), each dead-letter / on-failure queue holding a message, and any metric of the
 * service's own it names (the Payment Service's outbox lag).
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import type * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { type StageConfig, serviceName } from "./stage.config.ts";

const FIVE_MINUTES = Duration.minutes(5);

/** Thresholds, in one place so a team can tune them (infra/README.md lists them). */
export const THRESHOLDS = {
  api5xxPerFiveMinutes: 5,
  apiLatencyP99Ms: 3_000,
  iteratorAgeMs: 5 * 60_000,
} as const;

type Named<T> = { readonly name: string; readonly resource: T };

/** An alarm on a metric of the service's own (a custom metric its code publishes). */
export interface MetricAlarm {
  readonly name: string;
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  readonly periods?: number;
  readonly description: string;
  /** A metric the code publishes on every run: its absence means the runs stopped, which is an alarm. */
  readonly missingIsBreaching?: boolean;
}

export interface AlarmsProps {
  readonly config: StageConfig;
  /** The service watched (`user-service`): names the topic and the alarms. */
  readonly service: string;
  readonly apis: Named<apigateway.RestApi>[];
  readonly functions: Named<lambda.IFunction>[];
  readonly streamConsumers: Named<lambda.IFunction>[];
  readonly deadLetterQueues: Named<sqs.IQueue>[];
  readonly metrics?: MetricAlarm[];
  /**
   * The service's topic when another stack of it already made it (`Alarms.topic` of that stack): its
   * alarms go there, and this construct makes no topic (two would share one name).
   */
  readonly topic?: sns.ITopic;
}

export class Alarms extends Construct {
  readonly topic: sns.ITopic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly #name: (suffix: string) => string;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.#name = (suffix) => serviceName(props.config, props.service, suffix);
    this.topic = props.topic ?? this.#topic(props.config);

    for (const { name, resource: api } of props.apis) {
      this.alarm(`${name}-5xx`, api.metricServerError({ period: FIVE_MINUTES, statistic: "Sum" }), {
        threshold: THRESHOLDS.api5xxPerFiveMinutes,
        description: `${name}: 5XX answers (the app's 500s, 502s, 503s and the gateway's own)`,
      });
      this.alarm(`${name}-latency-p99`, api.metricLatency({ period: FIVE_MINUTES, statistic: "p99" }), {
        threshold: THRESHOLDS.apiLatencyP99Ms,
        periods: 3,
        description: `${name}: p99 latency above ${THRESHOLDS.apiLatencyP99Ms} ms for 15 minutes`,
      });
    }
    for (const { name, resource: fn } of props.functions) {
      this.alarm(`${name}-errors`, fn.metricErrors({ period: FIVE_MINUTES, statistic: "Sum" }), {
        threshold: 1,
        description: `${name}: invocations that failed (a thrown batch, a crashed request)`,
      });
      this.alarm(`${name}-throttles`, fn.metricThrottles({ period: FIVE_MINUTES, statistic: "Sum" }), {
        threshold: 1,
        description: `${name}: invocations refused for lack of concurrency`,
      });
    }
    for (const { name, resource: fn } of props.streamConsumers) {
      const age = fn.metric("IteratorAge", { period: FIVE_MINUTES, statistic: "Maximum" });
      this.alarm(`${name}-iterator-age`, age, {
        threshold: THRESHOLDS.iteratorAgeMs,
        periods: 3,
        description: `${name}: its oldest unprocessed record is over 5 minutes old for 15 minutes (behind, or stuck on a batch)`,
      });
    }
    for (const { name, resource: queue } of props.deadLetterQueues) {
      const visible = queue.metricApproximateNumberOfMessagesVisible({
        period: FIVE_MINUTES,
        statistic: "Maximum",
      });
      this.alarm(`${name}-messages`, visible, {
        threshold: 1,
        description: `${name}: holds messages that were given up on; read them, fix the cause, redrive (infra/README.md)`,
      });
    }
    for (const { name, metric, ...options } of props.metrics ?? []) this.alarm(name, metric, options);
  }

  #topic(config: StageConfig): sns.Topic {
    // A customer managed key: CloudWatch cannot publish to a topic under the AWS managed SNS key.
    const key = new kms.Key(this, "TopicKey", {
      description: `${this.#name("alarms")} topic`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.grant(new iam.ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
    const topic = new sns.Topic(this, "Topic", {
      topicName: this.#name("alarms"),
      masterKey: key,
      enforceSSL: true,
    });
    if (config.alarmEmail) topic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));
    return topic;
  }

  private alarm(
    name: string,
    metric: cloudwatch.IMetric,
    options: { threshold: number; periods?: number; description: string; missingIsBreaching?: boolean },
  ): void {
    const alarm = new cloudwatch.Alarm(this, name, {
      alarmName: this.#name(name),
      alarmDescription: options.description,
      metric,
      threshold: options.threshold,
      evaluationPeriods: options.periods ?? 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: options.missingIsBreaching
        ? cloudwatch.TreatMissingData.BREACHING
        : cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    alarm.addOkAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
