/**
 * Every Roster service deployed to a stage, each from its own folder (infra/lib/<service>/): adding a
 * service is its folder and one line here.
 */
import type { RosterService } from "./shared/roster-service.ts";
import { userService } from "./users/users.service.ts";

export const SERVICES: readonly RosterService[] = [userService];
