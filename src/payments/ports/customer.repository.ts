/** The gateway's customer of each user. Production: PostgreSQL (`adapters/postgres/customer.repository.ts`). */
export interface CustomerRepository {
  customerRef(userId: string): Promise<string | undefined>;
  /**
   * Keeps the user's customer reference, unless one is kept already: answers the one kept, so two
   * concurrent first charges end with one customer per user.
   */
  keepCustomerRef(userId: string, gatewayRef: string): Promise<string>;
}
