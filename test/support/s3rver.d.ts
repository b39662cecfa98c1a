/**
 * The little of s3rver 3.7.1 (no types of its own) the tests use: a Koa app serving S3's REST API over
 * a folder. `middleware` and `store` are Koa's and s3rver's own, for the conditional-write shim.
 */
declare module "s3rver" {
  import type { AddressInfo } from "node:net";

  interface S3rverOptions {
    readonly address?: string;
    /** 0: any free port. */
    readonly port?: number;
    /** Where buckets and objects are kept, one folder per bucket. */
    readonly directory?: string;
    /** No request log on the console (winston's Console transport, silenced). */
    readonly silent?: boolean;
    readonly resetOnClose?: boolean;
  }

  /** Koa's context, as far as the shim reads and answers it. */
  interface S3rverContext {
    readonly method: string;
    /** The request's path, percent-encoded: `/<bucket>/<key>` for a path-style request. */
    readonly path: string;
    get(header: string): string;
    status: number;
    type: string;
    body: unknown;
  }

  type S3rverMiddleware = (ctx: S3rverContext, next: () => Promise<void>) => Promise<void>;

  export default class S3rver {
    constructor(options?: S3rverOptions);
    /** Koa's middleware list; composed when `run` starts listening. */
    readonly middleware: S3rverMiddleware[];
    readonly store: { existsObject(bucket: string, key: string): Promise<boolean> };
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
