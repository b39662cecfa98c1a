import type { InspectCommand } from "../../../platform/service/service-module.ts";
import { SandboxAnalytics } from "../../adapters/sandbox/analytics.sandbox.ts";

/** What `npm run events -- <command>` shows of the User Service's sandboxes. */
export const usersInspectCommands: Record<string, InspectCommand> = {
  segment: {
    usage: "[--user <id>]",
    run: ({ store, clock }, user) => new SandboxAnalytics({ store, clock }).calls(user),
  },
};
