/**
 * What the Subscription Service reads from `stages.<stage>` beside the common settings. For now only
 * whether the stage takes the `subscriptions` stream from elsewhere: `streams.subscriptionsArn` (another
 * stage's, another account's), in which case the service builds no stream of its own and its consumers
 * read that ARN.
 */
import { section, serviceSettings } from "../shared/service-settings.ts";
import { kinesisArn } from "../shared/stage.config.ts";

export const subscriptionSettings = serviceSettings({
  shape: { streams: section({ subscriptionsArn: kinesisArn.optional() }) },
});
