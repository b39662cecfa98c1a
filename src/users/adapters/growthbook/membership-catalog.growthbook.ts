import { readFile } from "node:fs/promises";
import { type FeatureApiResponse, GrowthBookClient } from "@growthbook/growthbook";
import * as z from "zod";
import type { DependencyLogger } from "../../../platform/adapters/http/outbound-http.ts";
import { DependencyError, UnavailableError } from "../../../platform/errors/app.errors.ts";
import type {
  FeatureFlag,
  FlagContext,
  MembershipCatalog,
  MembershipTier,
  TierOffer,
} from "../../ports/membership-catalog.port.ts";
import {
  type CatalogValues,
  type FeatureDefinitions,
  MalformedFeatureError,
  readCatalogFeatures,
} from "./membership-catalog.features.ts";

/** The features file shipped in the repository: the embedded default. */
export const DEFAULT_FEATURES_FILE = new URL("../../../../config/growthbook/features.json", import.meta.url);

export interface GrowthbookApiOptions {
  /** e.g. `https://cdn.growthbook.io` or a self-hosted proxy; the SDK reads `<apiHost>/api/features/<clientKey>`. */
  readonly apiHost: string;
  /** The SDK connection's client key (`sdk-...`): it only reads features. */
  readonly clientKey: string;
  /** For the first load, and for each retry while no payload has arrived. */
  readonly timeoutMs: number;
  /** The SDK polls the API this often in the background (its `pollingInterval`). */
  readonly refreshIntervalMs: number;
  /** When the SDK connection encrypts its payload. */
  readonly decryptionKey?: string;
  readonly logger: DependencyLogger;
}

/** Growthbook's payload, as far as this adapter relies on it. */
const PayloadSchema = z.looseObject({
  features: z.record(
    z.string(),
    z.looseObject({ defaultValue: z.unknown().optional(), rules: z.array(z.unknown()).optional() }),
  ),
});

const NAME = "Growthbook";

/**
 * The membership catalogue and flags on the `@growthbook/growthbook` SDK (`GrowthBookClient`, the
 * multi-user server client: one payload, evaluated per call with the user's attributes).
 *
 * - `fromFeaturesFile` / `fromPayload`: the embedded default, a payload in Growthbook's own format with
 *   no network. A malformed catalogue throws MalformedFeatureError naming the feature, at load.
 * - `connect`: production. The SDK fetches `<apiHost>/api/features/<clientKey>` within `timeoutMs`,
 *   caches it and polls every `refreshIntervalMs`. A malformed catalogue at the first load throws.
 *   **If Growthbook cannot be reached at start**, `connect` still resolves: every read then retries
 *   the load (deduplicated, within `timeoutMs`) and answers UnavailableError (503) until a payload
 *   arrives, by that retry or by the SDK's polling; nothing guesses a price meanwhile. A later payload
 *   that is malformed is logged and ignored: the last valid catalogue stays in use.
 */
export class GrowthbookMembershipCatalog implements MembershipCatalog {
  readonly #client: GrowthBookClient;
  readonly #api: GrowthbookApiOptions | undefined;
  #valid: { readonly features: object; readonly values: CatalogValues } | undefined;
  #rejected: object | undefined;
  #loading: Promise<void> | undefined;

  private constructor(client: GrowthBookClient, api?: GrowthbookApiOptions) {
    this.#client = client;
    this.#api = api;
  }

  /** The embedded default: a payload `{ "features": { ... } }` read from a file. */
  static async fromFeaturesFile(
    path: string | URL = DEFAULT_FEATURES_FILE,
  ): Promise<GrowthbookMembershipCatalog> {
    const text = await readFile(path, "utf8");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new MalformedFeatureError("(file)", [`${String(path)} is not JSON`]);
    }
    return GrowthbookMembershipCatalog.fromPayload(json);
  }

  /** A payload held in memory (tests, bundles). */
  static fromPayload(payload: unknown): GrowthbookMembershipCatalog {
    const parsed = PayloadSchema.safeParse(payload);
    if (!parsed.success) {
      throw new MalformedFeatureError("(payload)", [
        'expected Growthbook\'s payload, { "features": { ... } }',
      ]);
    }
    const client = new GrowthBookClient().initSync({ payload: parsed.data as FeatureApiResponse });
    const catalog = new GrowthbookMembershipCatalog(client);
    catalog.#validate();
    return catalog;
  }

  /** Production: Growthbook's API with an SDK client key. */
  static async connect(options: GrowthbookApiOptions): Promise<GrowthbookMembershipCatalog> {
    const client = new GrowthBookClient({
      apiHost: options.apiHost.replace(/\/+$/, ""),
      clientKey: options.clientKey,
      ...(options.decryptionKey ? { decryptionKey: options.decryptionKey } : {}),
    });
    const catalog = new GrowthbookMembershipCatalog(client, options);
    const result = await client.init({
      timeout: options.timeoutMs,
      pollingInterval: options.refreshIntervalMs,
    });
    if (catalog.#loaded()) catalog.#validate();
    else
      options.logger.warn(`${NAME} could not be loaded when connecting; reads answer 503 until it is`, {
        source: result.source,
      });
    return catalog;
  }

  async tiers(): Promise<readonly MembershipTier[]> {
    return (await this.#values()).tiers;
  }

  async tier(tier: string, version?: string): Promise<TierOffer | undefined> {
    const found = (await this.#values()).tiers.find((candidate) => candidate.tier === tier);
    if (!found) return undefined;
    const chosen = version ?? found.current_version;
    const terms = Object.hasOwn(found.versions, chosen) ? found.versions[chosen] : undefined;
    if (!terms) return undefined;
    return { tier, rank: found.rank, version: chosen, is_current: chosen === found.current_version, terms };
  }

  async pauseMaxMonths(): Promise<number> {
    return (await this.#values()).pauseMaxMonths;
  }

  async isOn(flag: FeatureFlag, context: FlagContext): Promise<boolean> {
    await this.#values();
    return this.#client.isOn(flag, { attributes: { id: context.userId } });
  }

  /** Stops the SDK's background polling. */
  close(): void {
    this.#client.destroy();
  }

  async #values(): Promise<CatalogValues> {
    if (!this.#loaded()) await this.#retryLoad();
    if (!this.#loaded()) {
      throw new UnavailableError(
        `${NAME} could not be reached, so the membership catalogue is not loaded; try again later`,
      );
    }
    const features = this.#client.getFeatures();
    if (this.#valid?.features === features) return this.#valid.values;
    try {
      return this.#validate();
    } catch (error) {
      if (!(error instanceof MalformedFeatureError)) throw error;
      if (!this.#valid) throw new DependencyError(error.message);
      if (this.#rejected !== features) {
        this.#rejected = features;
        this.#api?.logger.warn(`${NAME} sent a malformed catalogue; keeping the last valid one`, {
          feature: error.feature,
          problems: error.problems,
        });
      }
      return this.#valid.values;
    }
  }

  #validate(): CatalogValues {
    const features = this.#client.getFeatures();
    const values = readCatalogFeatures(
      (feature) => this.#client.getFeatureValue(feature, null, { attributes: {} }) ?? undefined,
      features as FeatureDefinitions,
    );
    this.#valid = { features, values };
    return values;
  }

  #loaded(): boolean {
    const payload = this.#client.getDecryptedPayload();
    return payload.features !== undefined && Object.keys(payload.features).length > 0;
  }

  #retryLoad(): Promise<void> {
    const api = this.#api;
    if (!api) return Promise.resolve();
    this.#loading ??= this.#client.refreshFeatures({ timeout: api.timeoutMs }).finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }
}
