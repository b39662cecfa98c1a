/** Writes docs/asyncapi.json from the message schemas (`npm run asyncapi`); a test keeps it current. */
import { writeFileSync } from "node:fs";
import { asyncApiDocument } from "../src/users/messages/asyncapi.document.ts";

const target = new URL("../docs/asyncapi.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(asyncApiDocument(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
