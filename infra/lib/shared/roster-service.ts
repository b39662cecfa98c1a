/**
 * A service's part of the deployment: its name, the settings it reads from a stage and the function that
 * builds its stacks for one stage. infra/lib/services.ts lists one per service; infra/lib/roster.app.ts
 * composes the stage's settings from all of them and calls each for every stage.
 */
import type { App, Stack } from "aws-cdk-lib";
import type { ApiRegistry } from "./apis.registry.ts";
import type { DeadLetterRegistry } from "./dead-letters.registry.ts";
import type { QueueRegistry } from "./queues.registry.ts";
import type { ServiceSettings } from "./service-settings.ts";
import type { StageConfig } from "./stage.config.ts";
import type { StreamRegistry } from "./streams.registry.ts";

/** What the services of one stage share, made once per stage by the app. */
export interface SharedResources {
  /** The directory of `npm run build`'s bundles (context `bundleDir`, default `dist`). */
  readonly bundleDir: string;
  /** The stage's streams: each service registers those it produces and asks for those it consumes. */
  readonly streams: StreamRegistry;
  /** The stage's internal APIs: each service registers the one it serves and asks for those it calls. */
  readonly apis: ApiRegistry;
  /** The queues one service owns and another reads: the owner registers, the reader asks. */
  readonly queues: QueueRegistry;
  /** The stage's dead-letter and on-failure queues: each service registers its own, the console reads all. */
  readonly deadLetters: DeadLetterRegistry;
}

export interface RosterService {
  /** `user-service`: the `roster:service` tag of its stacks. */
  readonly name: string;
  /**
   * Its keys of `stages.<stage>` (`<svc>.settings.ts`), composed with the common ones into the stage's
   * schema; its stacks read them with `settingsOf` (stage.settings.ts). None when it reads only the common.
   */
  readonly settings?: ServiceSettings;
  /** The service's stacks in the stage (none when the stage takes everything it would hold from elsewhere). */
  readonly stacks: (app: App, config: StageConfig, shared: SharedResources) => Stack[];
}
