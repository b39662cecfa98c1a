import { describe, expect, it } from "vitest";
import type { EventPublisher } from "../../../src/platform/events/event-publisher.port.ts";
import { createUsersApp } from "../../../src/users/api/users.app.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";

describe("a publish that fails after the change committed", () => {
  it("answers the committed change normally and logs the failure without personal data", async () => {
    const s = await buildTestServices();
    const logged: unknown[][] = [];
    const announce = {
      events: {
        publish: () => Promise.reject(new Error("3 of 3 events were not published")),
      } as EventPublisher,
      logger: { error: (...args: unknown[]) => void logged.push(args) },
    };
    const app = createUsersApp({ ...s.services, users: { ...s.services.users, ...announce } });
    const call = httpClient(() => app);
    const ada = await s.token({ kind: "user", id: "auth0|ada", mfa: true });

    const created = await call("/users/create", {
      method: "POST",
      token: ada,
      body: { user_email: "ada@example.com", user_phone: "5552017788" },
    });

    expect(created.status).toBe(201);
    expect((await jsonOf(call("/auth0%7Cada/user", { token: ada }))).user_email).toBe("ada@example.com");
    expect(logged).toEqual([
      [
        "domain events not published after commit",
        { detailTypes: ["UserCreated"], reason: "3 of 3 events were not published" },
      ],
    ]);
    expect(JSON.stringify(logged)).not.toMatch(/example\.com|5552017788|auth0\|ada/);
    expect(s.bus.read()).toEqual([]);
  });
});
