import { describe, expect, it } from "vitest";
import { RENEWAL_RECEIPT_EXAMPLE } from "../../../src/contracts/subscriptions/notification.message.ts";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteQueues } from "../../../src/platform/adapters/embedded/sqlite-queues.ts";
import { QueueNotificationSender } from "../../../src/subscriptions/adapters/queue/notification.queue.ts";

const QUEUE = "local-subscription-notifications";

describe("the notices queue adapter, on the embedded queues", () => {
  const queues = () => new SqliteQueues(openSqlite(":memory:"), { queues: [{ name: QUEUE }] });

  it("sends every notice of a relay batch, ten a request, each body the contract's JSON", async () => {
    const q = queues();
    const notices = Array.from({ length: 23 }, (_, i) => ({
      ...RENEWAL_RECEIPT_EXAMPLE,
      notification_id: `n-${i}`,
    }));
    await new QueueNotificationSender(q, QUEUE).send(notices);
    const bodies = q.list(QUEUE).map((m) => JSON.parse(m.body) as { notification_id: string });
    expect(bodies.map((b) => b.notification_id)).toEqual(notices.map((n) => n.notification_id));
    expect(bodies[0]).toEqual({ ...RENEWAL_RECEIPT_EXAMPLE, notification_id: "n-0" });
  });

  it("refuses a notice off the contract before anything is sent (a field it does not know: a card's digits)", async () => {
    const q = queues();
    const sender = new QueueNotificationSender(q, QUEUE);
    await expect(
      sender.send([
        { ...RENEWAL_RECEIPT_EXAMPLE, notification_id: "ok" },
        { ...RENEWAL_RECEIPT_EXAMPLE, notification_id: "bad", card_last4: "4242" },
      ]),
    ).rejects.toThrow();
    expect(q.list(QUEUE)).toEqual([]);
  });
});
