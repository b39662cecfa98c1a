/**
 * Tests read JSON bodies as a client would: untyped. Asserting on them with `expect` is the type check.
 */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions, not the compiler.
export type Json = any;

/** A Response whose `json()` is typed for assertions. */
export type JsonResponse = Omit<Response, "json"> & { json(): Promise<Json> };
