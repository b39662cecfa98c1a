/**
 * The prorated upgrade fee: the price difference for the part of the current billing period that is
 * left, counted in whole days from the day of the upgrade (included) to the period's end (excluded),
 * rounded to the cent, half up. Worked example (src/users/README.md, "Proration"): a MONTHLY period of
 * 30 days from 1 to 31 March, plus at 999 cents, premium at 1999; upgrading on 21 March leaves 10
 * days: (1999 - 999) x 10 / 30 = 333.33 -> 333 cents.
 */
export interface BillingPeriod {
  /** First instant of the period (the day it starts, 00:00 UTC or later). */
  readonly start: Date;
  /** First instant after the period. */
  readonly end: Date;
}

export interface ProrationInput {
  readonly period: BillingPeriod;
  readonly currentPriceCents: number;
  readonly newPriceCents: number;
  readonly on: Date;
}

const DAY_MS = 86_400_000;

export function prorationDays(period: BillingPeriod, on: Date): { remaining: number; total: number } {
  const total = daysBetween(period.start, period.end);
  if (total <= 0) throw new RangeError("the billing period must end after it starts");
  if (on < period.start || on >= period.end) throw new RangeError("the day is outside the billing period");
  return { remaining: daysBetween(startOfDay(on), period.end), total };
}

/** Cents to charge now for an upgrade; never negative (a cheaper tier is a downgrade, charged nothing). */
export function proratedUpgradeFee(input: ProrationInput): number {
  const difference = input.newPriceCents - input.currentPriceCents;
  if (difference <= 0) return 0;
  const { remaining, total } = prorationDays(input.period, input.on);
  return Math.floor((difference * remaining) / total + 0.5);
}

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function daysBetween(from: Date, to: Date): number {
  return Math.ceil((startOfDay(to).getTime() - startOfDay(from).getTime()) / DAY_MS);
}
