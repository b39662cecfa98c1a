/** How the console writes times: UTC, to the minute, the same on every screen (operators compare them). */
export function when(iso: unknown): string {
  if (typeof iso !== "string" || !Number.isFinite(Date.parse(iso))) return "";
  return `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Whole cents as money: `$12.99`, `€5.00` (the currency's own sign where the platform knows it). */
export function money(cents: unknown, currency: unknown = "USD"): string {
  if (typeof cents !== "number") return "";
  const code = typeof currency === "string" && currency.length === 3 ? currency.toUpperCase() : "USD";
  return new Intl.NumberFormat("en-US", { style: "currency", currency: code }).format(cents / 100);
}

/** A field name as a person reads it: `membership_event_type` -> `event type`. */
export function label(field: string): string {
  return field
    .replace(/^(user|membership|tag|subscription)_/, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replaceAll("_", " ")
    .toLowerCase();
}

/** A value as text: dates as `when`, objects as compact JSON, nothing as an empty string. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return /^\d{4}-\d{2}-\d{2}T/.test(value) ? when(value) : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
