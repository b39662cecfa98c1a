/**
 * What the Payment Service reads from `stages.<stage>` beside the common settings. For now only whether
 * the stage takes the `payments` stream from elsewhere: `streams.paymentsArn` (another stage's, another
 * account's), in which case the service builds no stream of its own and its consumers read that ARN.
 */
import { section, serviceSettings } from "../shared/service-settings.ts";
import { kinesisArn } from "../shared/stage.config.ts";

export const paymentSettings = serviceSettings({
  shape: { streams: section({ paymentsArn: kinesisArn.optional() }) },
});
