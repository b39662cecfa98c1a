/**
 * Writes docs/catalog/, an EventCatalog folder, from the four services' AsyncAPI documents, their
 * contract modules' HTTP commands and queries, and the flows of scripts/catalog/flows/ (`npm run catalog`); a test keeps it current. The folder is emptied first so a removed message goes.
 */
import { mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { FLOWS } from "./catalog/flows.ts";
import { catalogOf } from "./catalog/model.ts";
import { writeCatalog } from "./catalog/write.ts";

const target = fileURLToPath(new URL("../docs/catalog", import.meta.url));
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
await writeCatalog(target, catalogOf(), FLOWS);
console.log(`wrote ${target}`);
