import type { EventPublisher } from "../../platform/events/event-publisher.port.ts";
import type { SourceAddress } from "../../platform/http/source-address.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import type { TableStore } from "../../platform/store/table-store.port.ts";
import type { Clock } from "../../platform/time/clock.port.ts";
import { BalanceSettingsStoreRepository } from "../adapters/dynamodb/balance-settings-store.repository.ts";
import { ConsentStoreRepository } from "../adapters/dynamodb/consent-store.repository.ts";
import { MembershipStoreRepository } from "../adapters/dynamodb/membership-store.repository.ts";
import { PhoneMirrorStore } from "../adapters/dynamodb/phone-mirror.store.ts";
import { UserStoreRepository } from "../adapters/dynamodb/user-store.repository.ts";
import type { MembershipServices, UsersAppServices } from "../api/users.app.ts";
import type { CleanupQueue } from "../ports/cleanup-queue.port.ts";
import type { MlaLookup } from "../ports/mla-lookup.port.ts";
import type { TransactionsService } from "../ports/transactions-service.port.ts";
import type { UserSearch } from "../ports/user-search.port.ts";

/** What differs between the runtimes; everything else of the User Service is wired the same way. */
export interface UserServiceAdapters {
  /** The primary table's store. */
  readonly store: TableStore;
  /** The legacy tables' store: another region on AWS, the same store locally. */
  readonly legacyStore: TableStore;
  readonly clock: Clock;
  readonly events: EventPublisher;
  readonly logger: Logger;
  readonly transactions: TransactionsService;
  readonly mlaLookup: MlaLookup;
  readonly search: UserSearch;
  readonly sourceAddress: SourceAddress;
  /** The services the membership lifecycle coordinates (issue 4). */
  readonly membershipServices: MembershipServices;
  /** `{stage}-user-service-cleanup`: SQS on AWS, the embedded queue locally. */
  readonly cleanupQueue: CleanupQueue;
}

export type UserServiceServices = Pick<
  UsersAppServices,
  | "users"
  | "userSearch"
  | "balanceSettings"
  | "consents"
  | "sourceAddress"
  | "kyc"
  | "mlaLookup"
  | "lifecycle"
  | "membershipStatus"
>;

/** The User Service's part of the app services, from the adapters a composition root chose. */
export function userServiceServices(adapters: UserServiceAdapters): UserServiceServices {
  const { store, legacyStore, clock } = adapters;
  const users = new UserStoreRepository(store);
  const announce = { events: adapters.events, logger: adapters.logger };
  const services = {
    users: { users, phoneMirror: new PhoneMirrorStore(legacyStore), clock, ...announce },
    userSearch: { search: adapters.search, clock },
    balanceSettings: {
      users,
      balanceSettings: new BalanceSettingsStoreRepository(legacyStore),
      clock,
      ...announce,
    },
    consents: { users, consents: new ConsentStoreRepository(store), clock, ...announce },
    sourceAddress: adapters.sourceAddress,
    kyc: { users, transactions: adapters.transactions, ...announce },
    mlaLookup: adapters.mlaLookup,
    lifecycle: {
      users,
      memberships: new MembershipStoreRepository(store),
      clock,
      ...announce,
      ...adapters.membershipServices,
      transactions: adapters.transactions,
    },
  };
  return {
    ...services,
    membershipStatus: { ...services.lifecycle, cleanup: adapters.cleanupQueue },
  };
}
