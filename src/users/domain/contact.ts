/** Contact details as the User Service stores them: lower-case email, 10-digit US phone (seed 003). */

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A check as a rule: why `value` fails it, or undefined. */
export const reasonOf =
  <T>(check: (value: string) => Checked<T>) =>
  (value: string): string | undefined => {
    const checked = check(value);
    return checked.ok ? undefined : checked.reason;
  };

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
/** RFC 5321's limit on a forward path, and so on any address a mail server accepts. */
export const MAX_EMAIL_LENGTH = 254;

export function normalizeEmail(raw: string): Checked<string> {
  const email = raw.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email))
    return { ok: false, reason: "must be an email address" };
  return { ok: true, value: email };
}

/**
 * Sanitizes the usual ways people write a US number ("(555) 201-7788", "+1 555 201 7788",
 * "555.201.7788") to 10 digits; refuses letters, other countries and numbers no US line can have.
 */
export function sanitizePhone(raw: string): Checked<string> {
  const refused = { ok: false, reason: "must be a 10-digit US phone number, e.g. (555) 201-7788" } as const;
  if (!/^[\d\s().+-]+$/.test(raw.trim())) return refused;
  if ((raw.match(/\+/g) ?? []).length > 1 || (raw.includes("+") && !raw.trim().startsWith("+1")))
    return refused;
  let digits = raw.replace(/\D/g, "");
  if (digits.length === 11 && digits.startsWith("1")) digits = digits.slice(1);
  if (digits.length !== 10) return refused;
  // North American Numbering Plan: area code and exchange never start with 0 or 1.
  if (/^[01]/.test(digits) || /^[01]/.test(digits.slice(3))) return refused;
  return { ok: true, value: digits };
}

/** Last four digits only: what logs and operator views may show of a phone number. */
export function maskPhone(phone: string): string {
  return `******${phone.slice(-4)}`;
}
