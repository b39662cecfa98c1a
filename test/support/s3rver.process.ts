/// <reference path="./s3rver.d.ts" />
// The reference keeps s3rver's types in the program: with s3rver.ts beside it, tsconfig's `include`
// would take s3rver.d.ts for that file's declaration output and leave it out.
/**
 * s3rver in a process of its own, started by s3rver.ts as
 * `node --openssl-legacy-provider s3rver.process.ts <folder> [conditional-writes]`; prints
 * `{"port":N}` once it listens on 127.0.0.1, and exits on SIGTERM.
 *
 * Why a process: s3rver 3.7.1 seals ListObjectsV2's continuation token with DES, which OpenSSL 3 only
 * has in its legacy provider, so every truncated list (a page with more keys after it) answers 500
 * InternalError in a Node started without `--openssl-legacy-provider`; the flag is the child's alone.
 */
import S3rver from "s3rver";

const [directory, mode] = process.argv.slice(2);
const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory });
if (mode === "conditional-writes") withConditionalWrites(server);
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
// Its folder is thrown away: nothing to flush, and open keep-alive sockets must not hold it up.
process.once("SIGTERM", () => process.exit(0));

/**
 * s3rver ignores `If-None-Match` on PUT (measured: a second `If-None-Match: *` PUT answers 200 and
 * replaces the object). This shim does what S3 documents instead
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html): a PUT with
 * `If-None-Match: *` on a key that exists answers 412 PreconditionFailed, atomically. Requests to one
 * key (GET, HEAD, PUT) run one at a time, as S3's strong consistency makes them appear; without that,
 * s3rver writes a file in place and a racing read could see half of it.
 */
function withConditionalWrites(s3rver: S3rver): void {
  const tails = new Map<string, Promise<void>>();
  s3rver.middleware.unshift(async (ctx, next) => {
    const [bucket, ...rest] = ctx.path.slice(1).split("/");
    const key = decodeURIComponent(rest.join("/"));
    if (!bucket || key === "" || !["GET", "HEAD", "PUT"].includes(ctx.method)) return next();
    const id = `${bucket}/${key}`;
    const turn = (tails.get(id) ?? Promise.resolve()).then(async () => {
      if (
        ctx.method === "PUT" &&
        ctx.get("if-none-match") === "*" &&
        (await s3rver.store.existsObject(bucket, key))
      ) {
        preconditionFailed(ctx);
        return;
      }
      await next();
    });
    const tail = turn.catch(() => {});
    tails.set(id, tail);
    try {
      await turn;
    } finally {
      if (tails.get(id) === tail) tails.delete(id);
    }
  });
}

function preconditionFailed(ctx: { status: number; type: string; body: unknown }): void {
  ctx.status = 412;
  ctx.type = "application/xml";
  ctx.body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<Error><Code>PreconditionFailed</Code>",
    "<Message>At least one of the pre-conditions you specified did not hold</Message>",
    "<Condition>If-None-Match</Condition></Error>",
  ].join("");
}
