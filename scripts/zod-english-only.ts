/** What the Lambda bundles hold of zod's locales (scripts/build.ts, `zodEnglishOnly`): English only. */
export { default as en } from "zod/v4/locales/en.js";
