import { handle } from "hono/aws-lambda";
import { ApiGatewayPrincipalResolver } from "../../../platform/adapters/aws/api-gateway-principal.resolver.ts";
import { auth0Verification } from "../../../platform/identity/auth0-verification.ts";
import { tableStoreHealth } from "../../../platform/store/table-store.health.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { subscriptionsTable } from "../../adapters/dynamodb/purchases.tables.ts";
import { createPurchasesApp, type PurchasesAppServices } from "../../api/purchases.app.ts";
import { loadPurchasesApiConfig, type PurchasesApiConfig } from "../config/api.config.ts";
import { awsPurchasesDeps, purchasesAwsBase } from "./purchases.aws.ts";
import { appleTrust, appleVerifier, googleVerifier, noAppStoreApi, noPlayApi } from "./store-clients.aws.ts";

/**
 * The Purchases API's composition root on AWS, once per cold start: its tables, the fetch queue, the
 * stores' push verifiers (Apple's roots read or downloaded here: the one network call) and Roster's
 * principals as the other services resolve them: users' Auth0 tokens verified again (the gateway's
 * authorizer verified them first), IAM callers mapped by `IAM_PRINCIPALS`. The push routes take no
 * Roster principal (`exceptStorePushes`). It calls no store API: the fetch worker does.
 */
export async function buildPurchasesAwsServices(
  config: PurchasesApiConfig,
  clock: Clock = systemClock,
): Promise<PurchasesAppServices> {
  const base = purchasesAwsBase(config, "api", clock);
  const trust = await appleTrust(config.PURCHASES_APPS, config);
  const purchases = awsPurchasesDeps(base, config.FETCH_QUEUE_URL, {
    apps: config.PURCHASES_APPS,
    apple: { verifier: appleVerifier(trust), api: noAppStoreApi("api") },
    google: { verifier: googleVerifier(config), api: noPlayApi("api") },
  });
  return {
    purchases,
    logger: base.logger,
    principals: new ApiGatewayPrincipalResolver({
      auth0: auth0Verification(config, clock),
      iamPrincipals: config.IAM_PRINCIPALS,
    }),
    health: [tableStoreHealth(base.store, subscriptionsTable)],
  };
}

/** The API's Lambda handler: config parsed (failing fast, naming the variable) and clients built once. */
export async function purchasesApiHandler(env: Record<string, string | undefined>) {
  return handle(createPurchasesApp(await buildPurchasesAwsServices(loadPurchasesApiConfig(env))));
}
