import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import { usePaymentService } from "../../support/payment-service.ts";
import { paymentServiceContract } from "./payment-service.contract.ts";

/** The client the local process uses: Roster's Payment Service app in process, a service token. */
const payments = usePaymentService();
paymentServiceContract("Roster's Payment Service, in process", payments, async () => {
  const clock = new ManualClock(TEST_NOW);
  const issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), "roster-payments-contract-")));
  return { service: payments.forUsers({ clock, issuer }) };
});
