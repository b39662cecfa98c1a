/**
 * A port whose adapter is made on the first call of any of its methods: `load` imports the adapter's
 * module (`await import(...)`, which the Lambda bundles split into a chunk of their own) and builds it,
 * so a cold start neither reads nor evaluates a vendor's library that the invocation may not need
 * (issue 16: Apple's and Google's libraries were 900 KiB of every purchases Lambda). Every method of
 * the port must return a promise. A load that fails is tried again by the next call.
 */
export function onFirstUse<T extends object>(load: () => Promise<T>): T {
  let loading: Promise<T> | undefined;
  const instance = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return new Proxy({} as T, {
    get: (_target, method) => {
      // Not a thenable: an async function may return the port itself.
      if (method === "then" || typeof method === "symbol") return undefined;
      return async (...args: unknown[]) => {
        const adapter = (await instance()) as Record<string, unknown>;
        const call = adapter[method];
        if (typeof call !== "function") throw new TypeError(`${method} is not a method of this port`);
        return call.apply(adapter, args);
      };
    },
  });
}
