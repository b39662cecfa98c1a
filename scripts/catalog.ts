/**
 * Writes docs/catalog/, an EventCatalog folder, from the four services' AsyncAPI documents
 * (`npm run catalog`); a test keeps it current. The folder is emptied first so a removed message goes.
 */
import { mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { catalogOf } from "./catalog/model.ts";
import { writeCatalog } from "./catalog/write.ts";

const target = fileURLToPath(new URL("../docs/catalog", import.meta.url));
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
await writeCatalog(target, catalogOf());
console.log(`wrote ${target}`);
