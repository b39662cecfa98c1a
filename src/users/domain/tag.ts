import type { Tag } from "./user.ts";

/** Tag names and values (seed 003, "Common Tags"); other names are free-form within TAG_NAME. */
export const TAG_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
export const MAX_TAG_VALUE_LENGTH = 256;
export const PAUSE_STATUSES = [
  "SUB_PENDING_PAUSE",
  "SUB_PAUSED",
  "SUB_PENDING_RESUME",
  "SUB_RESUMED",
] as const;

export type TagWriter = "api" | "membership" | "mla" | "signup";

interface TagRule {
  /** Which flows may write the tag; the tags route is "api". */
  readonly writers: readonly TagWriter[];
  readonly check: (value: string) => string | undefined;
}

const booleanString = (value: string) =>
  value === "true" || value === "false" ? undefined : 'must be the string "true" or "false"';

const COMMON_TAGS: Readonly<Record<string, TagRule>> = {
  START_DATE: {
    writers: ["signup"],
    check: (v) => (Number.isNaN(Date.parse(v)) ? "must be an RFC 3339 timestamp" : undefined),
  },
  MEMBERSHIP_PAUSE_STATUS: {
    writers: ["api", "membership"],
    check: (v) =>
      (PAUSE_STATUSES as readonly string[]).includes(v)
        ? undefined
        : `must be one of ${PAUSE_STATUSES.join(", ")}`,
  },
  PAUSE_SUB_DISABLED: { writers: ["api"], check: booleanString },
  is_employee: { writers: ["api"], check: booleanString },
  is_military: { writers: ["mla"], check: booleanString },
};

export type TagCheck =
  | { ok: true }
  | { ok: false; field: "tag_name" | "tag_value"; reason: string; rule?: boolean };

/** Whether `writer` may set `name` to `value`; `rule: true` marks a business rule rather than a format. */
export function checkTag(name: string, value: string, writer: TagWriter): TagCheck {
  if (!TAG_NAME.test(name)) {
    return {
      ok: false,
      field: "tag_name",
      reason: "must start with a letter, then up to 63 letters, digits, _ . -",
    };
  }
  if (value.length > MAX_TAG_VALUE_LENGTH) {
    return { ok: false, field: "tag_value", reason: `must be at most ${MAX_TAG_VALUE_LENGTH} characters` };
  }
  const rule = COMMON_TAGS[name];
  if (rule && !rule.writers.includes(writer)) {
    return {
      ok: false,
      field: "tag_name",
      reason: `${name} is written only by the ${rule.writers.join(" / ")} flow`,
      rule: true,
    };
  }
  const problem = rule?.check(value);
  return problem ? { ok: false, field: "tag_value", reason: problem } : { ok: true };
}

export function activeTag(name: string, value: string, now: Date): Tag {
  const at = now.toISOString();
  return { tag_name: name, tag_value: value, tag_archived: false, added_on: at };
}

/** Archiving keeps the value and when it was added: the tag is soft-deleted, not forgotten. */
export function archivedTag(tag: Tag): Tag {
  return { ...tag, tag_archived: true };
}
