import { MetricUnit, Metrics as PowertoolsClient } from "@aws-lambda-powertools/metrics";
import type { Metrics } from "../../metrics/metrics.port.ts";

export interface PowertoolsMetricsOptions {
  /** The CloudWatch namespace, e.g. `roster`. */
  readonly namespace: string;
  /** The `service` dimension of every metric, e.g. `user-service`. */
  readonly serviceName: string;
}

/**
 * Business metrics as CloudWatch Embedded Metric Format lines on stdout, through Powertools Metrics
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format.html).
 * Each count is published as it is made, one EMF line per call: nothing waits in Powertools' buffer for
 * a `publishStoredMetrics()` that a crashed or frozen Lambda would never run. `POWERTOOLS_METRICS_DISABLED`
 * (or `POWERTOOLS_DEV`) turns the output off, as Powertools documents.
 */
export class PowertoolsMetrics implements Metrics {
  readonly #metrics: PowertoolsClient;

  constructor(options: PowertoolsMetricsOptions) {
    this.#metrics = new PowertoolsClient({ namespace: options.namespace, serviceName: options.serviceName });
  }

  count(name: string, value = 1, dimensions?: Readonly<Record<string, string>>): void {
    this.#publish(name, MetricUnit.Count, value, dimensions);
  }

  duration(name: string, milliseconds: number, dimensions?: Readonly<Record<string, string>>): void {
    this.#publish(name, MetricUnit.Milliseconds, milliseconds, dimensions);
  }

  #publish(
    name: string,
    unit: (typeof MetricUnit)[keyof typeof MetricUnit],
    value: number,
    dimensions: Readonly<Record<string, string>> | undefined,
  ): void {
    if (dimensions && Object.keys(dimensions).length > 0) {
      // A single metric carries its own dimensions (and the service's) and is published at once.
      const single = this.#metrics.singleMetric();
      single.addDimensions({ ...dimensions });
      single.addMetric(name, unit, value);
      return;
    }
    this.#metrics.addMetric(name, unit, value);
    this.#metrics.publishStoredMetrics();
  }
}
