/**
 * `@peculiar/x509` resolves its algorithms through tsyringe, which refuses to load unless the Reflect
 * metadata polyfill is loaded first. Only the local sandbox's test chain needs the library, so it is
 * loaded on first use, after the polyfill: a dynamic import, because a static one would be evaluated
 * before the polyfill whatever the order of the imports.
 */
type X509Module = typeof import("@peculiar/x509");

let loading: Promise<X509Module> | undefined;

export function loadX509(): Promise<X509Module> {
  loading ??= (async () => {
    await import("reflect-metadata");
    return import("@peculiar/x509");
  })();
  return loading;
}
