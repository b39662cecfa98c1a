import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { SubscriptionServiceHttpClient } from "../../../src/users/adapters/http/subscription-service.http.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import { useSubscriptionService, withFaults } from "../../support/subscription-service.ts";
import { subscriptionServiceContract } from "./subscription-service.contract.ts";

/** The client the local process uses: Roster's Subscription Service app in process, a service token. */
const subscriptions = useSubscriptionService();
subscriptionServiceContract("Roster's Subscription Service, in process", async () => {
  const clock = new ManualClock(TEST_NOW);
  const issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), "roster-subscriptions-contract-")));
  const { app } = subscriptions.build({ clock, issuer });
  for (const user of ["auth0|ada", "auth0|grace"]) await subscriptions.payments.attachCard(user);
  return {
    service: new SubscriptionServiceHttpClient({
      baseUrl: "http://roster.test/subscriptions/",
      bearer: () => issuer.issue({ kind: "service", id: "user-service" }, clock.now()),
      send: withFaults(async (request) => app.fetch(request)),
      timeoutMs: 5_000,
      clock,
      logger: { warn: () => {} },
    }),
    advance: async (ms) => {
      clock.advance(ms);
      await subscriptions.tick();
    },
  };
});
