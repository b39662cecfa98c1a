/**
 * Braze, for the apps configured to use it (the seed's Feast apps): the identity exchange (the store's
 * account token is a Braze external id whose `identity_id` attribute is the Roster user) and the
 * welcome email of a new in-app subscriber (an API-triggered campaign, by the user's external id:
 * Braze holds the address, Roster never sends it one).
 */
export interface BrazeApi {
  /** The Roster user id Braze holds for this external id (`custom_attributes.identity_id`), if any. */
  identityOf(externalId: string): Promise<string | undefined>;
  /**
   * Triggers the campaign for the user (recipient by external id, the product as a trigger property).
   * Braze takes no idempotency key: a change redelivered after a send may welcome twice.
   */
  sendWelcome(input: {
    readonly campaignId: string;
    readonly userId: string;
    readonly productName: string;
  }): Promise<void>;
}
