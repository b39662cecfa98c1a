import { expect, it } from "vitest";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import { userEmailSuite } from "../../suites/users/user-email.suite.ts";
import { httpClient } from "../../support/http-client.ts";

userEmailSuite("the embedded store");

// Closing an account runs on the membership services' sandboxes, which only the embedded wiring has.
it("keeps the email of a closed account, as its phone number", async () => {
  const s = await buildTestServices();
  const call = httpClient(() => s.app);
  const ada = await s.token({ kind: "user", id: "auth0|ada", mfa: true });
  const bob = await s.token({ kind: "user", id: "auth0|bob", mfa: true });
  const signUp = (token: string) =>
    call("/users/create", { method: "POST", token, body: { user_email: "ada@example.com" } });
  expect((await signUp(ada)).status).toBe(201);

  const closed = await call("/auth0%7Cada/membership/close-account", {
    method: "POST",
    token: ada,
    body: { reason: "moving abroad" },
  });
  expect(closed.status).toBe(204);

  expect((await signUp(bob)).status).toBe(409);
});
