/** The little of kinesalite (no types of its own) the tests use: an in-memory Kinesis on an HTTP server. */
declare module "kinesalite" {
  import type { Server } from "node:http";

  interface KinesaliteOptions {
    /** Milliseconds a stream stays CREATING / DELETING / UPDATING (0: at once). */
    readonly createStreamMs?: number;
    readonly deleteStreamMs?: number;
    readonly updateStreamMs?: number;
    readonly shardLimit?: number;
    /** A LevelDB folder; omitted, everything stays in memory. */
    readonly path?: string;
    readonly ssl?: boolean;
  }

  export default function kinesalite(options?: KinesaliteOptions): Server;
}
