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
  /**
   * An SQS FIFO queue (message groups, deduplication ids), its dead-letter queue too, as SQS requires:
   * both physical names end in `.fifo`.
   */
  readonly fifo?: true;
}

/** SQS names a FIFO queue, and only a FIFO queue, with this suffix. */
export const FIFO_SUFFIX = ".fifo";

/**
 * The physical names of a declared queue and its dead-letter queue, checked against SQS's rule that the
 * names of FIFO queues, and only theirs, end in `.fifo`
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html).
 */
export function queuePhysicalNames(
  declaration: QueueDeclaration,
  stage: string,
): { readonly queue: string; readonly deadLetters: string } {
  const names = { queue: declaration.physicalName(stage), deadLetters: declaration.deadLetterName(stage) };
  for (const name of Object.values(names)) {
    const suffixed = name.endsWith(FIFO_SUFFIX);
    if (declaration.fifo && !suffixed)
      throw new Error(
        `queue ${declaration.name}: it is FIFO, so its name ${name} must end in ${FIFO_SUFFIX}`,
      );
    if (!declaration.fifo && suffixed)
      throw new Error(
        `queue ${declaration.name}: ${name} ends in ${FIFO_SUFFIX} but it is not declared fifo: true`,
      );
  }
  return names;
}
