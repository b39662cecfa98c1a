import { S3Client } from "@aws-sdk/client-s3";
import { S3ObjectStore } from "./s3.object-store.ts";

export interface S3ClientOptions {
  readonly region: string;
  /** Only to point the client at a local S3 in tests (s3rver); unset on AWS. */
  readonly endpoint?: string | undefined;
  /** Path-style URLs (`<endpoint>/<bucket>/<key>`), for a local S3 without bucket host names. */
  readonly forcePathStyle?: boolean;
  /** Only for a local S3; on AWS the default provider chain (the Lambda's role). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /**
   * "WHEN_REQUIRED" for a local S3 that knows no flexible checksums (client-s3 3.729.0 and later send
   * and check CRC32 by default, which s3rver cannot answer); unset on AWS, where they protect every PUT.
   */
  readonly checksums?: "WHEN_REQUIRED";
}

/** An S3 client: on AWS only the region; the rest points it at a local S3 in tests. */
export function createS3Client(options: S3ClientOptions): S3Client {
  return new S3Client({
    region: options.region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.forcePathStyle === undefined ? {} : { forcePathStyle: options.forcePathStyle }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    ...(options.checksums === undefined
      ? {}
      : { requestChecksumCalculation: options.checksums, responseChecksumValidation: options.checksums }),
  });
}

/** The object store on `bucket` in `region`, as a service's AWS composition root builds it. */
export function awsObjectStore(bucket: string, region: string): S3ObjectStore {
  return new S3ObjectStore({ client: createS3Client({ region }), bucket });
}
