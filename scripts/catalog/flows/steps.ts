import type { Flow, FlowStep } from "@eventcatalog/sdk";

/**
 * What the flows name, with the version each refers to. Named once here so a flow reads as a story; a
 * test checks every one against the written catalogue, so renaming or re-versioning a message or a
 * service breaks it until the flows follow.
 */
export const SERVICE = {
  users: { id: "UserService", version: "0.1.0" },
  payments: { id: "PaymentService", version: "0.1.0" },
  subscriptions: { id: "SubscriptionService", version: "0.0.1" },
  purchases: { id: "PurchasesService", version: "0.1.0" },
} as const;

export const MESSAGE = {
  PaymentProcessed: { id: "PaymentProcessed", version: "1.0.0" },
  PaymentRefunded: { id: "PaymentRefunded", version: "1.0.0" },
  PaymentDisputeUpdated: { id: "PaymentDisputeUpdated", version: "1.0.0" },
  SubscriptionUpdated: { id: "SubscriptionUpdated", version: "1.0.0" },
  SubscriptionNotification: { id: "SubscriptionNotification", version: "1.0.0" },
  UserSubscriptionStarted: { id: "UserSubscriptionStarted", version: "0.0.1" },
  UserSubscriptionCancelled: { id: "UserSubscriptionCancelled", version: "0.0.1" },
  SubscribeUser: { id: "SubscribeUser", version: "0.0.1" },
  CancelSubscription: { id: "CancelSubscription", version: "0.0.1" },
  MembershipChanged: { id: "MembershipChanged", version: "1.0.0" },
  UserChanged: { id: "UserChanged", version: "1.0.0" },
  FetchSubscription: { id: "FetchSubscription", version: "1.0.0" },
  SubscriptionSnapshot: { id: "SubscriptionSnapshot", version: "1.0.0" },
  SoftOptIn: { id: "SoftOptIn", version: "1.0.0" },
} as const;

/** The version every flow is written at; a flow changes with the code, in the same commit. */
export const FLOW_VERSION = "0.1.0";

type Next = number | { readonly id: number; readonly label: string };

/** A step that leads on to `next` (one step, or several: a branch with labels). */
export function step(
  id: number,
  title: string,
  what: Omit<FlowStep, "id" | "title" | "next_step" | "next_steps">,
  ...next: Next[]
): FlowStep {
  return {
    id,
    title,
    ...what,
    ...(next.length === 1 ? { next_step: next[0] } : next.length > 1 ? { next_steps: next } : {}),
  };
}

/** A flow whose page says where it is made, so nobody edits the generated folder by hand. */
export function flow(id: string, name: string, summary: string, steps: FlowStep[]): Flow {
  return {
    id,
    name,
    version: FLOW_VERSION,
    summary,
    steps,
    markdown: `${summary}\n\nWritten by \`npm run catalog\` from \`scripts/catalog/flows/\`.`,
  };
}
