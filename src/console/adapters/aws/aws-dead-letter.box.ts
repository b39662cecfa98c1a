import type { DeadLetterBox, DeadLetterEntry } from "../../ports/dead-letter-box.port.ts";

/**
 * The dead letters on AWS are SQS queues the console does not read: each stream mapping's on-failure
 * queue holds batch descriptions (shard, sequence numbers), not records to send back, and each queue's
 * dead-letter queue is redriven by SQS itself (StartMessageMoveTask, the SQS console's "Start DLQ
 * redrive"). Every one of them alarms on its first message (infra/lib/shared/alarms.construct.ts), so
 * the page says where to look rather than listing nothing as if all were well.
 */
export class AwsDeadLetterBox implements DeadLetterBox {
  readonly elsewhere: string;

  constructor(stage: string) {
    this.elsewhere = `On AWS the dead letters are SQS queues (${stage}-…-dlq, and each stream worker's ${stage}-…-failures), and each alarms on its first message: read them in the SQS console, and redrive a dead-letter queue there with "Start DLQ redrive" once its cause is fixed; a stream worker's on-failure message names the records to replay.`;
  }

  async list(): Promise<DeadLetterEntry[]> {
    return [];
  }

  async redrive(_id: string): Promise<number> {
    return 0;
  }
}
