import { beforeEach, describe, expect, it } from "vitest";
import { PhoneMirrorStore } from "../../../src/users/adapters/dynamodb/phone-mirror.store.ts";
import { phoneNumbersTable } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import { createUsersApp } from "../../../src/users/api/users.app.ts";
import type { PhoneRecord } from "../../../src/users/domain/phone.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import { httpClient, jsonOf } from "../../support/http-client.ts";

/** The legacy copy fails while `failing` is true, as an unreachable other-region table would. */
class FlakyLegacyTable extends PhoneMirrorStore {
  failing = true;
  override async put(record: PhoneRecord): Promise<void> {
    if (this.failing) throw new Error("us-east-1 is unreachable");
    await super.put(record);
  }
}

describe("the legacy phone table is a repeatable copy of the primary table", () => {
  let s: Awaited<ReturnType<typeof buildTestServices>>;
  let legacy: FlakyLegacyTable;
  let app: ReturnType<typeof createUsersApp>;
  let ada: string;
  const call = httpClient(() => app);
  const legacyRecord = () => s.store.get(phoneNumbersTable, { user_id: "auth0|ada" });

  beforeEach(async () => {
    s = await buildTestServices();
    legacy = new FlakyLegacyTable(s.store);
    app = createUsersApp({ ...s.services, users: { ...s.services.users, phoneMirror: legacy } });
    ada = await s.token({ kind: "user", id: "auth0|ada", mfa: true });
  });

  it("answers 502 saying the number is saved, and the same request finishes the copy", async () => {
    legacy.failing = false;
    await call("/users/create", { method: "POST", token: ada, body: { user_email: "ada@example.com" } });
    legacy.failing = true;
    const failed = await call("/auth0%7Cada/phone", {
      method: "PUT",
      token: ada,
      body: { phone_number: "5552017788" },
    });
    expect(failed.status).toBe(502);
    expect((await failed.json()).detail).toBe(
      "the phone number is saved, but copying it to the legacy phone table failed; repeat the request to finish",
    );
    expect(await jsonOf(call("/auth0%7Cada/phone", { token: ada }))).toMatchObject({
      phone_number: "5552017788",
    });
    expect(await legacyRecord()).toBeUndefined();

    legacy.failing = false;
    const repeated = await call("/auth0%7Cada/phone", {
      method: "PUT",
      token: ada,
      body: { phone_number: "5552017788" },
    });
    expect(repeated.status).toBe(200);
    expect(await legacyRecord()).toEqual(await repeated.json());
    expect((await jsonOf(call("/auth0%7Cada/user/history", { token: ada }))).items).toHaveLength(2);
  });

  it("tells a sign-up whose copy failed that the account exists and how to finish", async () => {
    const body = { user_email: "ada@example.com", user_phone: "5552017788" };
    const failed = await call("/users/create", { method: "POST", token: ada, body });
    expect(failed.status).toBe(502);
    expect((await failed.json()).detail).toMatch(
      /^the account is created, .* PUT \/\{user_id\}\/phone with the same number/,
    );
    legacy.failing = false;
    expect(
      (await call("/auth0%7Cada/phone", { method: "PUT", token: ada, body: { phone_number: "5552017788" } }))
        .status,
    ).toBe(200);
    expect(await legacyRecord()).toMatchObject({ phone_number: "5552017788", user_id: "auth0|ada" });
  });
});
