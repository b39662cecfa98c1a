import type { StreamContract } from "../../platform/events/channel.contract.ts";
import { PaymentRecordSchema } from "./payments.message.ts";

/** Kinesis `{stage}-payments` (seed 000: prod-payments), partition key the payment's user. */
export const paymentsStream: StreamContract = {
  name: "payments",
  physicalName: (stage) => `${stage}-payments`,
  schema: PaymentRecordSchema,
  userPaths: [["payload", "userId"]],
};
