import type { Flow } from "@eventcatalog/sdk";
import { PAYMENT_FLOWS } from "./flows/payments.flows.ts";
import { PURCHASE_FLOWS } from "./flows/purchases.flows.ts";
import { SUBSCRIPTION_FLOWS } from "./flows/subscriptions.flows.ts";
import { USER_FLOWS } from "./flows/users.flows.ts";

/**
 * Every flow of the catalogue, as data: what the code does step by step, each step naming the message
 * (id and version), service or flow it refers to. Hand-written from the design notes and the services'
 * READMEs (no document describes a flow), so a test checks that every name they use is in the catalogue.
 */
export const FLOWS: readonly Flow[] = [
  ...USER_FLOWS,
  ...PAYMENT_FLOWS,
  ...SUBSCRIPTION_FLOWS,
  ...PURCHASE_FLOWS,
];
