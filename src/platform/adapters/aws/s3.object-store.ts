import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { sameDocument } from "../../objects/object.comparison.ts";
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

export interface S3ObjectStoreOptions {
  /** Made by createS3Client (s3-object-store.factory.ts). */
  readonly client: S3Client;
  readonly bucket: string;
  /** Attempts of a write S3 answers 409 ConditionalRequestConflict (default 4). */
  readonly attempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The object store on one S3 bucket.
 *
 * `putImmutable` first reads the key (GetObject): a document already there is compared, byte for byte
 * with its content type, and the write ends "unchanged" or in ObjectConflictError without a PUT. Only
 * a missing key is written, with `If-None-Match: *`: S3 then creates the object only if no object has
 * that key when the write completes, atomically, and answers 412 PreconditionFailed otherwise
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html); the adapter then
 * reads the winner's document and compares it. 409 ConditionalRequestConflict (a concurrent write to the
 * key still in flight) is retried after a pause. So on S3 the conditional PUT is what makes "exactly
 * one writer creates it" hold; the read first makes a redelivery cost a GET instead of a PUT, and is
 * the only guard on an S3-compatible store that ignores `If-None-Match` (s3rver 3.7.1 does: there two
 * racing writers can both create, the last one's bytes winning).
 *
 * Encryption: none is asked per request, so the bucket's default encryption applies (SSE-KMS with the
 * bucket's key, set by its stack). Sending `ServerSideEncryption: aws:kms` without a key id would
 * switch to the AWS-managed `aws/s3` key instead (https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html).
 *
 * Permissions: s3:GetObject, s3:PutObject and s3:ListBucket. Without s3:ListBucket S3 answers a missing
 * key with 403 AccessDenied instead of 404, which this adapter rethrows rather than read as "missing".
 * Bodies are never logged, nor put in an error.
 */
export class S3ObjectStore implements ObjectStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #attempts: number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: S3ObjectStoreOptions) {
    this.#client = options.client;
    this.#bucket = options.bucket;
    this.#attempts = options.attempts ?? 4;
    this.#sleep = options.sleep ?? wait;
  }

  async putImmutable(key: string, body: Uint8Array, options: PutOptions): Promise<PutOutcome> {
    checkObjectKey(key);
    checkBody(body);
    checkContentType(options.contentType);
    for (let attempt = 1; ; attempt++) {
      const stored = await this.#read(key);
      if (stored !== undefined) {
        if (sameDocument(stored, body, options.contentType)) return "unchanged";
        throw new ObjectConflictError(key);
      }
      try {
        await this.#client.send(
          new PutObjectCommand({
            Bucket: this.#bucket,
            Key: key,
            Body: body,
            ContentType: options.contentType,
            IfNoneMatch: "*",
          }),
        );
        return "created";
      } catch (error) {
        // 412: another writer created it since the read; the next turn reads and compares its document.
        // 409: another conditional write to the key is in flight; S3 asks to retry.
        const refusal = conditionalRefusal(error);
        if (refusal === undefined || attempt >= this.#attempts) throw error;
        if (refusal === "conflict") await this.#sleep(50 * 2 ** (attempt - 1));
      }
    }
  }

  async get(key: string): Promise<StoredObject | undefined> {
    checkObjectKey(key);
    return this.#read(key);
  }

  async list(prefix: string, options: ListOptions): Promise<ObjectPage> {
    checkPrefix(prefix);
    checkListOptions(options);
    const answer = await this.#client.send(
      new ListObjectsV2Command({
        Bucket: this.#bucket,
        Prefix: prefix,
        MaxKeys: options.limit,
        ...(options.after === undefined ? {} : { StartAfter: options.after }),
      }),
    );
    const keys = (answer.Contents ?? []).map((object) => object.Key as string);
    const last = keys.at(-1);
    return answer.IsTruncated && last !== undefined ? { keys, after: last } : { keys };
  }

  async #read(key: string): Promise<StoredObject | undefined> {
    try {
      const answer = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      const body = answer.Body ? await answer.Body.transformToByteArray() : new Uint8Array();
      // S3 gives every object a content type (binary/octet-stream when none was sent).
      return { body, contentType: answer.ContentType ?? "binary/octet-stream" };
    } catch (error) {
      if (nameOf(error) === "NoSuchKey") return undefined;
      throw error;
    }
  }
}

function conditionalRefusal(error: unknown): "exists" | "conflict" | undefined {
  const name = nameOf(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (name === "PreconditionFailed" || status === 412) return "exists";
  return name === "ConditionalRequestConflict" ? "conflict" : undefined;
}

function nameOf(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
