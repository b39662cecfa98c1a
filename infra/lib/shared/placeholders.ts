/**
 * Placeholder values: they synthesize but deploy nothing useful (a made-up account, hosts under the
 * reserved `.invalid` domain). `npm run synth` and the tests fill what a stage lacks with them
 * (`allowPlaceholders=true`); without that flag a placeholder value anywhere in a stage is refused.
 * Each service's placeholders are in its `<svc>.settings.ts`, built with these.
 */
export const PLACEHOLDER_ACCOUNT = "111111111111";

/** `https://<name>.placeholder.invalid`. */
export function placeholderUrl(name: string): string {
  return `https://${name}.placeholder.invalid`;
}

/** The common settings' placeholders. */
export const COMMON_PLACEHOLDERS = { account: PLACEHOLDER_ACCOUNT, region: "us-east-2" };

export function isPlaceholder(value: string): boolean {
  return value.includes("placeholder") || value.includes(PLACEHOLDER_ACCOUNT);
}
