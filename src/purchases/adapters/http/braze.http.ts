import { UnavailableError } from "../../../platform/errors/app.errors.ts";
import type { BrazeApi } from "../../ports/braze.port.ts";

export interface BrazeHttpOptions {
  /** The instance's REST endpoint, e.g. `https://rest.iad-01.braze.com/`. */
  readonly baseUrl: string;
  /** A REST API key with `users.export.ids` and `campaigns.trigger.send`. */
  readonly apiKey: () => string;
  readonly timeoutMs?: number;
  readonly send?: (request: Request) => Promise<Response>;
}

/**
 * Braze's REST API (no official server SDK exists for Node): `POST /users/export/ids` for the identity
 * exchange and `POST /campaigns/trigger/send` for the welcome. A 5xx, a 429 or no answer is
 * `UnavailableError` (the worker's record is retried); a 4xx is a configuration error and thrown as such.
 * Neither the key nor the answer's attributes ever reach a log or an error.
 */
export class BrazeHttpClient implements BrazeApi {
  readonly #o: Required<BrazeHttpOptions>;

  constructor(options: BrazeHttpOptions) {
    this.#o = { timeoutMs: 10_000, send: (request) => fetch(request), ...options };
  }

  async identityOf(externalId: string): Promise<string | undefined> {
    const answer = (await this.#post("users/export/ids", {
      external_ids: [externalId],
      fields_to_export: ["custom_attributes"],
    })) as { users?: { custom_attributes?: { identity_id?: unknown } }[] };
    const identity = answer.users?.[0]?.custom_attributes?.identity_id;
    return typeof identity === "string" && identity.length > 0 ? identity : undefined;
  }

  async sendWelcome(input: { campaignId: string; userId: string; productName: string }): Promise<void> {
    await this.#post("campaigns/trigger/send", {
      campaign_id: input.campaignId,
      recipients: [
        { external_user_id: input.userId, trigger_properties: { product_name: input.productName } },
      ],
    });
  }

  async #post(path: string, body: unknown): Promise<unknown> {
    const request = new Request(new URL(path, this.#o.baseUrl), {
      method: "POST",
      headers: { authorization: `Bearer ${this.#o.apiKey()}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.#o.timeoutMs),
    });
    let response: Response;
    try {
      response = await this.#o.send(request);
    } catch (error) {
      throw new UnavailableError(
        `Braze did not answer ${path} (${error instanceof Error ? error.name : "error"})`,
      );
    }
    if (response.status === 429 || response.status >= 500)
      throw new UnavailableError(`Braze answered ${path} with ${response.status}; try again later`);
    if (!response.ok)
      throw new Error(`Braze refused ${path} with ${response.status}: check the API key and ids`);
    return response.json();
  }
}
