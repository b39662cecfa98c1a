import {
  MEMBERSHIP_PATHS,
  MembershipRecordAnswer,
  type ReasonBody,
} from "../../../contracts/users/membership.http.ts";
import type { OutboundAnswer } from "../../../platform/adapters/http/outbound-http.ts";
import {
  SignedJsonClient,
  type SignedJsonClientOptions,
} from "../../../platform/adapters/http/signed-json.client.ts";
import type { Memberships } from "../../ports/membership.port.ts";

/**
 * The Subscription Service's client of the User Service's membership routes
 * (`contracts/users/membership.http.ts`), IAM-signed on AWS and in process locally. A 409 means the
 * membership is already past what the call asks (finalized, cancelled, or changed by its user since):
 * nothing is left to tell it, and the call counts as done.
 */
export class MembershipsHttpClient implements Memberships {
  readonly #http: SignedJsonClient;
  constructor(options: SignedJsonClientOptions) {
    this.#http = new SignedJsonClient("the User Service", options);
  }

  finalizeDowngrade(userId: string): Promise<void> {
    return this.#post("finalizeDowngrade", MEMBERSHIP_PATHS.finalizeDowngrade(userId));
  }

  completeCancellation(userId: string): Promise<void> {
    return this.#post("completeCancellation", MEMBERSHIP_PATHS.completeCancellation(userId));
  }

  async endForPaymentFailure(userId: string): Promise<void> {
    const body: ReasonBody = { reason: "the recovery window ran out: the renewal could not be charged" };
    await this.#post("cancelMembership", MEMBERSHIP_PATHS.cancel(userId), body);
    await this.#post("completeCancellation", MEMBERSHIP_PATHS.completeCancellation(userId));
  }

  async #post(operation: string, path: string, payload: unknown = {}): Promise<void> {
    try {
      await this.#http.call({
        operation,
        method: "POST",
        path,
        expected: 200,
        schema: MembershipRecordAnswer,
        payload,
        refuse: (answer: OutboundAnswer) => (answer.status === 409 ? new AlreadyThere() : undefined),
      });
    } catch (error) {
      if (!(error instanceof AlreadyThere)) throw error;
    }
  }
}

class AlreadyThere extends Error {}
