import type { OpenAPIHono } from "@hono/zod-openapi";
import type { JSONWebKeySet } from "jose";
import type { AppEnv } from "../../platform/http/app-env.ts";
import type { HealthCheck } from "../../platform/http/health.routes.ts";
import { createServiceApp } from "../../platform/http/service-app.ts";
import type { SourceAddress } from "../../platform/http/source-address.ts";
import type { PrincipalResolver } from "../../platform/identity/principal.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import { asyncApiDocument } from "../messages/asyncapi.document.ts";
import type { FloatService } from "../ports/float-service.port.ts";
import type { IdentityAccounts } from "../ports/identity-accounts.port.ts";
import type { MembershipCatalog } from "../ports/membership-catalog.port.ts";
import type { MlaLookup } from "../ports/mla-lookup.port.ts";
import type { PaymentService } from "../ports/payment-service.port.ts";
import type { SubscriptionService } from "../ports/subscription-service.port.ts";
import type { TransactionsService } from "../ports/transactions-service.port.ts";
import type { UnderwritingService } from "../ports/underwriting-service.port.ts";
import type { CleanupDeps } from "../use-cases/membership/cleanup.steps.ts";
import type { MembershipChangeDeps } from "../use-cases/membership/membership-write.engine.ts";
import { type BalanceSettingsRoutesDeps, registerBalanceSettingsRoutes } from "./balance-settings.routes.ts";
import { type ConsentRoutesDeps, registerConsentRoutes } from "./consent.routes.ts";
import { type KycRoutesDeps, registerKycRoutes } from "./kyc.routes.ts";
import { registerLifecycleRoutes } from "./lifecycle.routes.ts";
import { registerMembershipBillingRoutes } from "./membership-billing.routes.ts";
import { registerMembershipPreviewRoutes } from "./membership-preview.routes.ts";
import { registerMembershipStatusRoutes } from "./membership-status.routes.ts";
import { registerMlaRoutes } from "./mla.routes.ts";
import { registerPhoneRoutes } from "./phone.routes.ts";
import { registerTagRoutes } from "./tag.routes.ts";
import { registerUserRoutes, type UserRoutesDeps } from "./user.routes.ts";
import { registerUserSearchRoutes, type UserSearchRoutesDeps } from "./user-search.routes.ts";

/**
 * The services of seed 000 that membership changes coordinate, each behind its port: the sandboxes
 * locally and in tests, the HTTP clients on AWS (`sandboxMembershipServices` / `awsMembershipServices`).
 */
export interface MembershipServices {
  readonly subscriptions: SubscriptionService;
  readonly payments: PaymentService;
  readonly floats: FloatService;
  readonly underwriting: UnderwritingService;
  readonly catalog: MembershipCatalog;
  readonly accounts: IdentityAccounts;
}

/** What the membership routes run on: the change engine's stores, those services, the Transactions Service. */
export interface MembershipDeps extends MembershipChangeDeps, MembershipServices {
  readonly transactions: TransactionsService;
}

export interface UsersAppServices {
  readonly logger: Logger;
  readonly principals: PrincipalResolver;
  readonly health: readonly HealthCheck[];
  readonly users: UserRoutesDeps;
  /** Operator search over the `usermodel` projection, on a read connection (the replica on AWS). */
  readonly userSearch: UserSearchRoutesDeps;
  readonly balanceSettings: BalanceSettingsRoutesDeps;
  readonly consents: ConsentRoutesDeps;
  /** Where a request came from, as the runtime saw the connection (consents record it). */
  readonly sourceAddress: SourceAddress;
  /** KYC sessions, kept by the Transactions Service (which also lists and removes Plaid items). */
  readonly kyc: KycRoutesDeps;
  /** Experian's MLA covered-borrower lookup, for `POST /{user_id}/mla`. */
  readonly mlaLookup: MlaLookup;
  /** Memberships and user status: the lifecycle of issue 4. */
  readonly lifecycle: MembershipDeps;
  /** Cancel, close, pause, unpause, reactivate, ban: the lifecycle plus the cleanup queue. */
  readonly membershipStatus: MembershipDeps & CleanupDeps;
  /** The local issuer's keys, served so clients can verify tokens (absent on AWS, where Auth0 serves them). */
  readonly jwks?: () => JSONWebKeySet;
}

export const API_VERSION = "0.1.0";

/** The groups of the User Service's operations, as the OpenAPI document defines them. */
const USERS_TAGS = [
  { name: "Users", description: "Sign-up, the user record and its versions, lookup and operator search" },
  { name: "User status", description: "Activation, investigations and bans: the user's status (seed 003)" },
  { name: "Memberships", description: "The membership lifecycle: tiers, pauses, cancellations and payments" },
  { name: "Tags", description: "Named flags on a user that services and operators set (seed 000)" },
  { name: "Phone numbers", description: "The user's phone number, held by one user at a time" },
  { name: "Consents", description: "Agreements to terms and policies, with when and where they were given" },
  { name: "Balance settings", description: "The low balance alert" },
  { name: "KYC", description: "Identity verification sessions at the Transactions Service" },
  { name: "MLA", description: "Military Lending Act covered-borrower lookups (Experian)" },
];

/** The User Service's HTTP API: the same app behind API Gateway, the local server and `app.request()` in tests. */
export function createUsersApp(services: UsersAppServices): OpenAPIHono<AppEnv> {
  return createServiceApp(
    {
      title: "Roster User Service",
      version: API_VERSION,
      description:
        "Users, memberships, tags, phone numbers, consents and more. Errors are RFC 9457 problem+json.",
      tags: USERS_TAGS,
      logger: services.logger,
      principals: services.principals,
      health: services.health,
      jwks: services.jwks,
      // The streams and queue this service reads and writes (issue 5), public like the OpenAPI document.
      documents: { "/asyncapi.json": asyncApiDocument },
    },
    (app) => {
      // Before any `/{user_id}/...` route, so `/users/search` can never be taken for a user id.
      registerUserSearchRoutes(app, services.userSearch);
      registerUserRoutes(app, services.users);
      registerBalanceSettingsRoutes(app, services.balanceSettings);
      registerConsentRoutes(app, services.consents, services.sourceAddress);
      registerTagRoutes(app, services.users);
      registerPhoneRoutes(app, services.users);
      registerLifecycleRoutes(app, services.lifecycle);
      registerMembershipBillingRoutes(app, services.lifecycle);
      registerMembershipPreviewRoutes(app, services.lifecycle);
      registerMembershipStatusRoutes(app, services.membershipStatus);
      registerMlaRoutes(app, { ...services.users, mlaLookup: services.mlaLookup });
      registerKycRoutes(app, services.kyc);
    },
  );
}
