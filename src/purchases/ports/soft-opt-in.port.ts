import type { SoftOptIn } from "../domain/soft-opt-in.ts";

/** The soft opt-in queue the User Service reads (SQS on AWS, the local queue locally). */
export interface SoftOptInSender {
  /** Sends every opt-in, ten a batch; throws when one was not taken. */
  send(optIns: readonly SoftOptIn[]): Promise<void>;
}
