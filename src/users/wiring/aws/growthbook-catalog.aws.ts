import type { DependencyLogger } from "../../../platform/adapters/http/outbound-http.ts";
import { GrowthbookMembershipCatalog } from "../../adapters/growthbook/membership-catalog.growthbook.ts";
import type { AwsConfig } from "../config/api.config.ts";

type GrowthbookConfig = Pick<
  AwsConfig,
  | "GROWTHBOOK_API_HOST"
  | "GROWTHBOOK_CLIENT_KEY"
  | "GROWTHBOOK_DECRYPTION_KEY"
  | "GROWTHBOOK_TIMEOUT_MS"
  | "GROWTHBOOK_REFRESH_MS"
>;

/**
 * The catalogue and flags from Growthbook's API (the API and the payment worker read it). If Growthbook
 * is unreachable, `connect` still resolves within GROWTHBOOK_TIMEOUT_MS (logging a warning) and
 * catalogue reads answer 503 until it loads.
 */
export function growthbookCatalog(config: GrowthbookConfig, logger: DependencyLogger) {
  return GrowthbookMembershipCatalog.connect({
    apiHost: config.GROWTHBOOK_API_HOST,
    clientKey: config.GROWTHBOOK_CLIENT_KEY,
    timeoutMs: config.GROWTHBOOK_TIMEOUT_MS,
    refreshIntervalMs: config.GROWTHBOOK_REFRESH_MS,
    ...(config.GROWTHBOOK_DECRYPTION_KEY ? { decryptionKey: config.GROWTHBOOK_DECRYPTION_KEY } : {}),
    logger,
  });
}
