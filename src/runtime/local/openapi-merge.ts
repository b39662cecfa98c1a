type Json = Record<string, unknown>;

export interface ServiceDocument {
  readonly name: string;
  readonly title: string;
  /** The service's own OpenAPI 3.1 document, as its `/openapi.json` answers it. */
  readonly document: Json;
}

const OPERATIONS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

function tagsOf(paths: Json): string[] {
  const tags = new Set<string>();
  for (const item of Object.values(paths) as Json[])
    for (const method of OPERATIONS)
      for (const tag of ((item[method] as Json | undefined)?.tags as string[] | undefined) ?? [])
        tags.add(tag);
  return [...tags];
}

function mergeInto(target: Json, source: Json, where: string): void {
  for (const [key, value] of Object.entries(source)) {
    if (key in target && JSON.stringify(target[key]) !== JSON.stringify(value))
      throw new Error(`two services define ${where}.${key} differently: rename one`);
    target[key] = value;
  }
}

/**
 * One document of every service, as the local process serves them behind one port: the paths of all
 * (the composition refuses overlapping routes, so none is lost), their components (a name two services
 * define differently is refused), and each service's tags grouped under its title (`x-tagGroups`, which
 * Scalar shows as sections). `base` is the local process's own document (`/health`).
 */
export function mergeOpenApiDocuments(base: Json, services: readonly ServiceDocument[]): Json {
  const paths: Json = { ...(base.paths as Json | undefined) };
  const components: Record<string, Json> = {};
  const baseTags = tagsOf(paths);
  const groups = [{ name: "Roster", tags: baseTags }];
  const owner = new Map(baseTags.map((tag) => [tag, "Roster"]));
  // What each tag groups, as the document that uses it defines it.
  const descriptions = new Map<string, string>();
  for (const { document } of [{ document: base }, ...services])
    for (const tag of (document.tags as { name: string; description?: string }[] | undefined) ?? [])
      if (tag.description !== undefined && !descriptions.has(tag.name))
        descriptions.set(tag.name, tag.description);
  for (const { title, document } of [{ title: "Roster", document: base }, ...services]) {
    for (const [section, entries] of Object.entries((document.components as Json | undefined) ?? {})) {
      components[section] ??= {};
      mergeInto(components[section], entries as Json, `components.${section}`);
    }
    if (document === base) continue;
    const own: Json = Object.fromEntries(
      Object.entries((document.paths as Json | undefined) ?? {}).filter(([path]) => !(path in paths)),
    );
    mergeInto(paths, own, "paths");
    const tags = tagsOf(own);
    for (const tag of tags) {
      const first = owner.get(tag);
      if (first !== undefined && first !== title)
        throw new Error(`${first} and ${title} both use the tag ${tag}`);
      owner.set(tag, title);
    }
    groups.push({ name: title, tags });
  }
  return {
    ...base,
    paths,
    components,
    tags: [...owner].map(([name, service]) => ({
      name,
      description: descriptions.get(name) ?? `${service}: ${name}`,
    })),
    "x-tagGroups": groups,
  };
}
