/**
 * `@peculiar/x509` resolves its algorithms through tsyringe, which refuses to load unless a Reflect
 * metadata polyfill (`reflect-metadata`, `@abraham/reflection`) is installed first, and none is a
 * dependency of Roster. The few calls tsyringe makes (getMetadata, getOwnMetadata, defineMetadata for
 * constructor parameter types) are given here, only where the global has none, and the library is loaded
 * after them: a dynamic import, because a static one would be evaluated before any code of this module.
 */
type X509Module = typeof import("@peculiar/x509");

let loading: Promise<X509Module> | undefined;

export function loadX509(): Promise<X509Module> {
  loading ??= (async () => {
    installReflectMetadata();
    return import("@peculiar/x509");
  })();
  return loading;
}

type MetadataReflect = typeof Reflect & {
  getMetadata?: (key: unknown, target: object) => unknown;
  getOwnMetadata?: (key: unknown, target: object) => unknown;
  defineMetadata?: (key: unknown, value: unknown, target: object) => void;
};

function installReflectMetadata(): void {
  const reflect = Reflect as MetadataReflect;
  if (typeof reflect.getMetadata === "function") return;
  const store = new WeakMap<object, Map<unknown, unknown>>();
  const own = (key: unknown, target: object) => store.get(target)?.get(key);
  reflect.getOwnMetadata = own;
  reflect.getMetadata = (key, target) => {
    for (let t: object | null = target; t !== null; t = Object.getPrototypeOf(t)) {
      const value = own(key, t);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  reflect.defineMetadata = (key, value, target) => {
    const entries = store.get(target) ?? new Map<unknown, unknown>();
    entries.set(key, value);
    store.set(target, entries);
  };
}
