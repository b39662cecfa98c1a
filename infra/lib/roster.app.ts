/**
 * The stacks of each stage the context selects (shared/stage.context.ts): every service's of
 * infra/lib/services.ts, tagged with the service and the stage.
 */
import { type App, type Stack, Tags } from "aws-cdk-lib";
import { SERVICES } from "./services.ts";
import { ApiRegistry } from "./shared/apis.registry.ts";
import { DeadLetterRegistry } from "./shared/dead-letters.registry.ts";
import { QueueRegistry } from "./shared/queues.registry.ts";
import type { RosterService, SharedResources } from "./shared/roster-service.ts";
import type { StageConfig } from "./shared/stage.config.ts";
import { stageConfigsFromContext } from "./shared/stage.context.ts";
import { StreamRegistry } from "./shared/streams.registry.ts";

export interface RosterStage {
  readonly config: StageConfig;
  /** Every service's stacks, in the order of the list of services. */
  readonly stacks: Stack[];
}

export function addRosterStages(app: App, services: readonly RosterService[] = SERVICES): RosterStage[] {
  const bundleDir = (app.node.tryGetContext("bundleDir") as string | undefined) ?? "dist";
  return stageConfigsFromContext(app.node, services).map((config) => {
    const shared: SharedResources = {
      bundleDir,
      streams: new StreamRegistry(),
      apis: new ApiRegistry(),
      queues: new QueueRegistry(),
      deadLetters: new DeadLetterRegistry(),
    };
    const stacks = services.flatMap((service) => {
      const built = service.stacks(app, config, shared);
      for (const stack of built) {
        Tags.of(stack).add("roster:service", service.name);
        Tags.of(stack).add("roster:stage", config.stage);
      }
      return built;
    });
    shared.deadLetters.complete();
    shared.streams.assertRegistered();
    shared.apis.assertRegistered();
    shared.queues.assertRegistered();
    return { config, stacks };
  });
}
