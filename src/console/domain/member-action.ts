import type { OperatorRole } from "./operator.ts";

/**
 * What an operator may do to a member from the console, each the same call a service would make
 * (adapters/http/member-actions.requests.ts says which), each with a reason the audit trail keeps.
 */
export const MEMBER_ACTIONS = {
  ban: {
    label: "Ban",
    role: "mx",
    effect:
      "Cancels a live subscription at once, blocks the Auth0 account, ends the membership (CANCELLED, BANNED) and marks the user BANNED.",
  },
  unban: {
    label: "Lift the ban",
    role: "mx",
    effect:
      "Unblocks the Auth0 account; the membership stays CANCELLED and the user is PAUSED until they reactivate.",
  },
  investigate: {
    label: "Investigate",
    role: "mx",
    effect: "Puts the user under investigation (INVESTIGATE): no floats and no billing until it is cleared.",
  },
  "clear-investigation": {
    label: "Clear the investigation",
    role: "mx",
    effect: "Ends the investigation: the user returns to the status they had before it.",
  },
  reactivate: {
    label: "Reactivate",
    role: "mx",
    effect:
      "Starts a new subscription on the membership's tier and term at today's price (refused while a float is outstanding).",
  },
  cancel: {
    label: "Cancel at the period's end",
    role: "mx",
    effect:
      "Stops the renewal: the membership is PENDING_CANCELLATION until the period ends and can be retracted (refused while a float is outstanding).",
  },
  retract: {
    label: "Retract the pending change",
    role: "mx",
    effect: "Withdraws a pending downgrade or cancellation: the membership goes on as it was.",
  },
  pause: {
    label: "Pause",
    role: "mx",
    effect: "Skips the chosen number of monthly payments from the end of the current period.",
  },
  unpause: {
    label: "Unpause",
    role: "mx",
    effect: "Resumes billing at the next cycle, or now with a charge of the period's price.",
  },
  upgrade: {
    label: "Upgrade",
    role: "mx",
    effect:
      "Moves the membership to the higher tier now: the prorated fee for the rest of the period is charged first, and the renewals bill the new price.",
  },
  downgrade: {
    label: "Downgrade",
    role: "mx",
    effect:
      "Moves the renewals to the lower tier at the end of the current period; until then the membership keeps its tier (retractable).",
  },
  "finalize-downgrade": {
    label: "Apply the pending downgrade now",
    role: "mx",
    effect: "The lower tier becomes the membership's tier now, instead of at the period's end.",
  },
  "add-tag": {
    label: "Add or replace a tag",
    role: "mx",
    effect: "Sets the tag's value; the user's tags follow in the same transaction.",
  },
  "archive-tag": {
    label: "Archive a tag",
    role: "mx",
    effect: "The tag leaves the user's active tags; its value is kept, archived.",
  },
  revalidate: {
    label: "Revalidate with the store",
    role: "mx",
    effect:
      "Reads the subscription from the App Store or Google Play now and keeps what the store says if it is newer.",
  },
  refund: {
    label: "Refund",
    role: "admin",
    effect: "Returns the amount to the card the charge was made on (in full unless an amount is given).",
  },
} as const satisfies Record<string, { label: string; role: OperatorRole; effect: string }>;

export type MemberActionName = keyof typeof MEMBER_ACTIONS;

export const isMemberAction = (name: string): name is MemberActionName => Object.hasOwn(MEMBER_ACTIONS, name);

/** What an action was given besides its reason (the form's other fields, each checked by the action). */
export type ActionInput =
  | { readonly action: "pause"; readonly months: number }
  | { readonly action: "unpause"; readonly charge: boolean }
  | { readonly action: "add-tag"; readonly tag: string; readonly value: string }
  | { readonly action: "archive-tag"; readonly tag: string }
  | { readonly action: "refund"; readonly confirmationId: string; readonly amountCents: number | undefined }
  | { readonly action: "revalidate"; readonly subscriptionId: string }
  | { readonly action: "upgrade" | "downgrade"; readonly tier: string }
  | {
      readonly action: Exclude<
        MemberActionName,
        "pause" | "unpause" | "add-tag" | "archive-tag" | "refund" | "revalidate" | "upgrade" | "downgrade"
      >;
    };

/** The changes the User Service previews before they are made (`GET /{id}/membership/preview/{change}`). */
export const PREVIEWED_CHANGES = ["upgrade", "downgrade", "cancel"] as const;
export type PreviewedChange = (typeof PREVIEWED_CHANGES)[number];
export const isPreviewedChange = (name: string): name is PreviewedChange =>
  (PREVIEWED_CHANGES as readonly string[]).includes(name);

/** A tier as the membership catalogue names them (`plus`, `premium`). */
export const TIER_NAME = /^[a-z][a-z0-9_]{0,31}$/;
