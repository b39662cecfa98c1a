/**
 * Generated regions of a markdown document: the text between `<!-- generated:<name> -->` and
 * `<!-- /generated:<name> -->`, each marker on a line of its own. Everything outside the markers is
 * written by hand and left as it is.
 */

export interface Region {
  readonly name: string;
  /** The text between the opening marker's line and the closing marker's line. */
  readonly content: string;
  /** Offsets of `content` in the document. */
  readonly start: number;
  readonly end: number;
}

const MARKER = /^<!-- (\/?)generated:([a-z0-9-]+) -->$/gm;

/** A malformed or unknown marker, naming the document, the region and the line. */
export class RegionError extends Error {
  override readonly name = "RegionError";
}

/** The regions of `text`, in document order; refuses unclosed, unopened, nested and repeated ones. */
export function regionsOf(document: string, text: string): Region[] {
  const regions: Region[] = [];
  let open: { name: string; start: number; line: number } | undefined;
  for (const match of text.matchAll(MARKER)) {
    const [marker, closing, name = ""] = match;
    const line = text.slice(0, match.index).split("\n").length;
    const where = `${document}:${line}`;
    if (!closing) {
      if (open) throw new RegionError(`${where}: region "${name}" opens inside region "${open.name}"`);
      if (regions.some((region) => region.name === name))
        throw new RegionError(`${where}: region "${name}" appears twice`);
      open = { name, start: match.index + marker.length + 1, line };
    } else {
      if (open?.name !== name) throw new RegionError(`${where}: region "${name}" closes but is not open`);
      regions.push({
        name,
        content: text.slice(open.start, match.index),
        start: open.start,
        end: match.index,
      });
      open = undefined;
    }
  }
  if (open) throw new RegionError(`${document}:${open.line}: region "${open.name}" is never closed`);
  return regions;
}

/** What a region holds once generated: the body between two blank lines (markdown lint wants them). */
export function regionContent(body: string): string {
  return `\n${body.trimEnd()}\n\n`;
}

/** `text` with each named region's content replaced; every name must be a region of `text`. */
export function replaceRegions(document: string, text: string, bodies: ReadonlyMap<string, string>): string {
  const regions = regionsOf(document, text);
  for (const name of bodies.keys()) {
    if (!regions.some((region) => region.name === name))
      throw new RegionError(
        `${document}: no region "${name}"; add <!-- generated:${name} --> and <!-- /generated:${name} -->`,
      );
  }
  let result = "";
  let at = 0;
  for (const region of regions) {
    const body = bodies.get(region.name);
    if (body === undefined) continue;
    result += text.slice(at, region.start) + regionContent(body);
    at = region.end;
  }
  return result + text.slice(at);
}
