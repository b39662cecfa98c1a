/**
 * The currencies the Payment Service charges in: ISO 4217 codes with two minor units, so that every
 * amount is whole cents (zero-decimal currencies such as JPY would need their own rule at the gateway).
 * https://docs.stripe.com/currencies#zero-decimal
 */
export const SUPPORTED_CURRENCIES = [
  "USD",
  "CAD",
  "EUR",
  "GBP",
  "AUD",
  "NZD",
  "CHF",
  "SEK",
  "NOK",
  "DKK",
] as const;
export type Currency = (typeof SUPPORTED_CURRENCIES)[number];

/** The most one charge may move: Stripe's ceiling for a two-decimal currency (999,999.99). */
export const MAX_CHARGE_CENTS = 99_999_999;
