import { randomUUID } from "node:crypto";
import { link, mkdir, open, readdir, readFile, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { compareKeys, sameDocument } from "../../objects/object.comparison.ts";
import {
  checkBody,
  checkContentType,
  checkListOptions,
  checkObjectKey,
  checkPrefix,
} from "../../objects/object.validation.ts";
import { ObjectConflictError } from "../../objects/object-store.errors.ts";
import type {
  ListOptions,
  ObjectPage,
  ObjectStore,
  PutOptions,
  PutOutcome,
  StoredObject,
} from "../../objects/object-store.port.ts";
import { folderPath, OBJECT_SUFFIX, objectPath, tempName, unescapeName } from "./file-object.paths.ts";

/**
 * The object store of the local runtime: one file per object under `root` (the local data folder's
 * `objects/`), named as file-object.paths.ts says. A file is one line of JSON naming the content type,
 * then the body's bytes, so the document appears whole or not at all.
 *
 * Creating is atomic: the document is written and fsynced to a temporary file in the object's folder,
 * then `link()`ed to its name, which fails with EEXIST when another write got there first (POSIX
 * link(2)); then the two documents are compared. A crash leaves at most a temporary file, which no read
 * sees. `list` reads the folders under the prefix on every call: made for the local data folder, not
 * for millions of objects.
 */
export class FileObjectStore implements ObjectStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = resolve(root);
  }

  async putImmutable(key: string, body: Uint8Array, options: PutOptions): Promise<PutOutcome> {
    checkObjectKey(key);
    checkBody(body);
    checkContentType(options.contentType);
    const target = objectPath(this.#root, key);
    await mkdir(dirname(target), { recursive: true });
    const temp = join(dirname(target), tempName(randomUUID()));
    try {
      await writeSynced(temp, encodeDocument(body, options.contentType));
      await link(temp, target);
      return "created";
    } catch (error) {
      if (!hasCode(error, "EEXIST")) throw error;
      const stored = await readDocument(target);
      if (stored !== undefined && sameDocument(stored, body, options.contentType)) return "unchanged";
      throw new ObjectConflictError(key);
    } finally {
      await rm(temp, { force: true });
    }
  }

  async get(key: string): Promise<StoredObject | undefined> {
    checkObjectKey(key);
    return readDocument(objectPath(this.#root, key));
  }

  async list(prefix: string, options: ListOptions): Promise<ObjectPage> {
    checkPrefix(prefix);
    checkListOptions(options);
    const segments = prefix.split("/");
    const partial = segments.pop() ?? "";
    const base = segments.map((segment) => `${segment}/`).join("");
    const keys: string[] = [];
    await collectKeys(folderPath(this.#root, segments), { base, partial, after: options.after }, keys);
    keys.sort(compareKeys);
    const page = keys.slice(0, options.limit);
    return keys.length > options.limit ? { keys: page, after: page.at(-1) as string } : { keys: page };
  }
}

interface Walk {
  /** The key of the folder being read, ending in `/` (or empty at the root). */
  readonly base: string;
  /** What the next segment must start with: the prefix's part after its last `/`. */
  readonly partial: string;
  readonly after: string | undefined;
}

/** Pushes every key under `folder` that matches; skips folders whose keys all come at or before `after`. */
async function collectKeys(folder: string, walk: Walk, keys: string[]): Promise<void> {
  for (const entry of await entriesOf(folder)) {
    const isObject = entry.isFile() && entry.name.endsWith(OBJECT_SUFFIX);
    if (!isObject && !entry.isDirectory()) continue;
    const segment = unescapeName(isObject ? entry.name.slice(0, -OBJECT_SUFFIX.length) : entry.name);
    if (segment === undefined || !segment.startsWith(walk.partial)) continue;
    if (isObject) {
      const key = walk.base + segment;
      if (walk.after === undefined || compareKeys(key, walk.after) > 0) keys.push(key);
    } else {
      const base = `${walk.base}${segment}/`;
      if (walk.after !== undefined && allBefore(base, walk.after)) continue;
      await collectKeys(join(folder, entry.name), { base, partial: "", after: walk.after }, keys);
    }
  }
}

/** Every key that starts with `base` sorts before `after` exactly when this holds. */
function allBefore(base: string, after: string): boolean {
  return !after.startsWith(base) && compareKeys(base, after) < 0;
}

async function entriesOf(folder: string) {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    // No such folder: no key has that start (a segment too long to store included).
    if (hasCode(error, "ENOENT") || hasCode(error, "ENOTDIR") || hasCode(error, "ENAMETOOLONG")) return [];
    throw error;
  }
}

function encodeDocument(body: Uint8Array, contentType: string): Buffer {
  return Buffer.concat([Buffer.from(`${JSON.stringify({ contentType })}\n`, "utf8"), body]);
}

async function readDocument(path: string): Promise<StoredObject | undefined> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (error) {
    if (hasCode(error, "ENOENT") || hasCode(error, "ENOTDIR")) return undefined;
    throw error;
  }
  const newline = file.indexOf(0x0a);
  const header = JSON.parse(file.subarray(0, newline).toString("utf8")) as { contentType: string };
  return { body: new Uint8Array(file.subarray(newline + 1)), contentType: header.contentType };
}

/** Creates `path` (never replacing a file) with `data`, on disk before it returns. */
async function writeSynced(path: string, data: Uint8Array): Promise<void> {
  const handle = await open(path, "wx");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function hasCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}
