import type { InspectCommand } from "../../../platform/service/service-module.ts";

/**
 * What `npm run events -- <command>` shows of the Subscription Service locally: `notifications`, the
 * members' notices waiting on the local `subscription-notifications` queue (the sender of emails and
 * pushes is outside Roster, so locally nobody takes them), oldest first.
 */
export const subscriptionsInspectCommands: Record<string, InspectCommand> = {
  notifications: {
    usage: "[--user <id>]",
    run: async ({ channels }, user) => {
      const queue = channels.queueNames.notifications?.queue;
      if (!queue) return [];
      return channels.queues
        .list(queue)
        .map((message) => JSON.parse(message.body) as { user_id?: string })
        .filter((notice) => user === undefined || notice.user_id === user);
    },
  },
};
