import type { TableSpec } from "../../../platform/store/table-spec.ts";
import type { TableStore } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { BrazeApi } from "../../ports/braze.port.ts";

/** The sandbox's own table in the embedded store (never created on AWS). */
export const brazeSandboxTable = {
  name: "braze-sandbox",
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
} as const satisfies TableSpec;

export interface RecordedWelcome {
  readonly campaignId: string;
  readonly userId: string;
  readonly productName: string;
  readonly sentAt: string;
}

/**
 * The local Braze: identities a person or test sets (`setIdentity(externalId, userId)`, what a Feast
 * app's Braze user would hold as `identity_id`) and every welcome campaign triggered, by user, durable
 * in the embedded store so `npm run events -- braze` shows them from another process.
 */
export class SandboxBraze implements BrazeApi {
  readonly #store: TableStore;
  readonly #clock: Clock;

  constructor(options: { readonly store: TableStore; readonly clock: Clock }) {
    this.#store = options.store;
    this.#clock = options.clock;
  }

  async setIdentity(externalId: string, userId: string): Promise<void> {
    await this.#store.put(brazeSandboxTable, { pk: `EXTERNAL#${externalId}`, sk: "IDENTITY", userId });
  }

  async identityOf(externalId: string): Promise<string | undefined> {
    const item = await this.#store.get(brazeSandboxTable, { pk: `EXTERNAL#${externalId}`, sk: "IDENTITY" });
    return item?.userId as string | undefined;
  }

  async sendWelcome(input: { campaignId: string; userId: string; productName: string }): Promise<void> {
    const sentAt = this.#clock.now().toISOString();
    await this.#store.put(brazeSandboxTable, {
      pk: `WELCOME#${input.userId}`,
      sk: `${sentAt}#${input.campaignId}`,
      ...input,
      sentAt,
    });
  }

  async welcomesOf(userId: string): Promise<RecordedWelcome[]> {
    const page = await this.#store.query(brazeSandboxTable, { partition: `WELCOME#${userId}` });
    return page.items.map((item) => ({
      campaignId: item.campaignId as string,
      userId: item.userId as string,
      productName: item.productName as string,
      sentAt: item.sentAt as string,
    }));
  }
}
