/**
 * The internal services' API Gateways (Transactions, Float, Underwriting; the Payment and Subscription
 * Services' come from the stage's API registry, shared/apis.registry.ts): the
 * functions sign their calls with their role (SigV4), so each role needs `execute-api:Invoke` on the API
 * it calls, and the signature's region must be the API's.
 */
import { partitionOf, StageConfigError } from "../shared/stage.config.ts";
import type { UsersConfig } from "./users.settings.ts";

export type InternalApiName = keyof UsersConfig["internalApis"];

const EXECUTE_API_URL = /^https:\/\/(\w+)\.execute-api\.([a-z0-9-]+)\.amazonaws\.com\/([^/]+)/;

/** `execute-api:Invoke` target: the setting's ARN, else every method of the URL's API stage in this account. */
export function executeApiArn(config: UsersConfig, name: InternalApiName): string {
  const api = config.internalApis[name];
  if (api.executeApiArn) return api.executeApiArn;
  const match = EXECUTE_API_URL.exec(api.url);
  if (!match) {
    throw new StageConfigError(
      `context stages.${config.stage}.internalApis.${name}.executeApiArn is required: ${api.url} is not an execute-api URL`,
    );
  }
  const [, id, region, stage] = match;
  return `arn:${partitionOf(region!)}:execute-api:${region}:${config.account}:${id}/${stage}/*/*`;
}

/** The region to sign for when the URL names one; undefined lets the code use its own region. */
export function executeApiRegion(url: string): string | undefined {
  return EXECUTE_API_URL.exec(url)?.[2];
}

/** `INTERNAL_API_REGION` is shared by two membership services (the Payment and Subscription Services have their own): they must agree on it. */
export function membershipServicesRegion(config: UsersConfig): string | undefined {
  const names = ["float", "underwriting"] as const;
  const regions = new Set(names.map((name) => executeApiRegion(config.internalApis[name].url)));
  if (regions.size > 1) {
    throw new StageConfigError(
      `context stages.${config.stage}.internalApis: float and underwriting are signed for one region (INTERNAL_API_REGION), but their URLs name ${[...regions].join(", ")}`,
    );
  }
  return [...regions][0];
}
