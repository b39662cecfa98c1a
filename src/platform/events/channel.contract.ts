import type { z } from "zod";

/**
 * A stream as its producer offers it (`src/contracts/<producer>/`): the short name people and the
 * events CLI use, the physical name per stage (seed 000: `{stage}-payments`, ...), the record format and
 * where a record names its user (its partition key, and what `npm run events -- put --user` fills in).
 */
export interface StreamContract {
  readonly name: string;
  physicalName(stage: string): string;
  readonly schema: z.ZodType;
  /** Paths to the user id inside a record; the first one present is the partition key. */
  readonly userPaths: readonly (readonly string[])[];
}

/** A queue a service owns, with its dead-letter queue (SQS redrive policy). */
export interface QueueDeclaration {
  readonly name: string;
  physicalName(stage: string): string;
  deadLetterName(stage: string): string;
}
