import { type AddressInfo, createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { systemClock } from "../../../src/platform/time/clock.port.ts";
import { awsMembershipServices } from "../../../src/users/wiring/aws/membership-services.aws.ts";
import { loadAwsConfig } from "../../../src/users/wiring/config/api.config.ts";

/**
 * The User Service's Lambda world connects Growthbook's SDK on the first catalogue or flag read, not at
 * cold start: most requests read neither, and their start no longer waits on Growthbook's first load.
 * Growthbook's API host here is down (a port that counts connections and closes each).
 */
describe("Growthbook on AWS: connected on the first catalogue read", () => {
  let growthbook: Server;
  let connections = 0;

  beforeAll(async () => {
    growthbook = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((listening) => growthbook.listen(0, "127.0.0.1", listening));
  });

  afterAll(async () => {
    await new Promise((closed) => growthbook.close(closed));
  });

  const config = () =>
    loadAwsConfig({
      STAGE: "test",
      AWS_REGION: "us-east-2",
      DATABASE_URL: "postgres://test:test@127.0.0.1:1/test",
      AUTH0_ISSUER: "https://roster-test.auth0.example/",
      AUTH0_AUDIENCE: "https://api.roster.test",
      TRANSACTIONS_API_URL: "https://transactions.roster.test/prod",
      EXPERIAN_BASE_URL: "https://experian.roster.test",
      EXPERIAN_CLIENT_ID: "test",
      EXPERIAN_CLIENT_SECRET: "test",
      EXPERIAN_USERNAME: "test",
      EXPERIAN_PASSWORD: "test",
      EXPERIAN_SUBSCRIBER_CODE: "test",
      ROSTER_CURSOR_KEY: "test-cursor-secret-of-thirty-two-chars",
      SUBSCRIPTION_API_URL: "https://subscriptions.roster.test/prod",
      PAYMENT_API_URL: "https://payments.roster.test/prod",
      FLOAT_API_URL: "https://float.roster.test/prod",
      UNDERWRITING_API_URL: "https://underwriting.roster.test/prod",
      AUTH0_MANAGEMENT_DOMAIN: "roster-test.auth0.example",
      AUTH0_MANAGEMENT_CLIENT_ID: "test",
      AUTH0_MANAGEMENT_CLIENT_SECRET: "test",
      CLEANUP_QUEUE_URL: "https://sqs.us-east-2.amazonaws.com/111122223333/test-user-service-cleanup",
      GROWTHBOOK_API_HOST: `https://127.0.0.1:${(growthbook.address() as AddressInfo).port}`,
      GROWTHBOOK_CLIENT_KEY: "sdk-test",
      GROWTHBOOK_TIMEOUT_MS: "300",
    });
  const logger = { info() {}, warn() {}, error() {} };
  const credentials = { accessKeyId: "test", secretAccessKey: "test" };

  it("makes no request to Growthbook until a catalogue read, then answers 503 while it is down", async () => {
    const services = await awsMembershipServices(config(), { credentials, clock: systemClock, logger });
    expect(connections).toBe(0);

    await expect(services.catalog.tier("plus")).rejects.toThrow(UnavailableError);
    expect(connections).toBeGreaterThan(0);
    // Later reads retry the load (Growthbook may be back), through the one client the first read made.
    const before = connections;
    await expect(services.catalog.pauseMaxMonths()).rejects.toThrow(UnavailableError);
    expect(connections).toBeGreaterThan(before);
  });
});
