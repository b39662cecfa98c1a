import { paymentsStream } from "../../contracts/payments/payments.stream.ts";
import { subscriptionsStream } from "../../contracts/subscriptions/subscriptions.stream.ts";
import { usersStream } from "../../contracts/users/users.stream.ts";

/** The streams the console tails (each producer's contract): on AWS its role may read exactly these. */
export const CONSOLE_STREAMS = [usersStream, paymentsStream, subscriptionsStream] as const;
