import type {
  JWSRenewalInfoDecodedPayload,
  JWSTransactionDecodedPayload,
  ResponseBodyV2DecodedPayload,
} from "@apple/app-store-server-library";
import { CompactSign } from "jose";
import type { AppleTestChain } from "./apple-test-chain.ts";

/**
 * Signs App Store data as Apple does: a compact JWS, ES256, whose header carries the chain in `x5c`
 * (leaf, intermediate, root; base64 DER, not base64url) and no `kid`. `SignedDataVerifier` reads the
 * chain from there, so a verifier given the test chain's root accepts these.
 */
export class AppleJwsSigner {
  readonly #chain: AppleTestChain;
  readonly #x5c: string[];

  constructor(chain: AppleTestChain) {
    this.#chain = chain;
    this.#x5c = [chain.leafDer, chain.intermediateDer, chain.rootDer].map((der) => der.toString("base64"));
  }

  signNotification(payload: ResponseBodyV2DecodedPayload): Promise<string> {
    return this.#sign(payload);
  }

  signTransaction(payload: JWSTransactionDecodedPayload): Promise<string> {
    return this.#sign(payload);
  }

  signRenewalInfo(payload: JWSRenewalInfoDecodedPayload): Promise<string> {
    return this.#sign(payload);
  }

  async #sign(payload: object): Promise<string> {
    return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: "ES256", x5c: this.#x5c })
      .sign(this.#chain.leafPrivateKey);
  }
}
