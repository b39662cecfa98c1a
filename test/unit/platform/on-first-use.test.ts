import { describe, expect, it } from "vitest";
import { onFirstUse } from "../../../src/platform/service/on-first-use.ts";

interface Greeter {
  greet(name: string): Promise<string>;
}

describe("a port made on its first call", () => {
  it("loads nothing until a method is called, then loads once for every call", async () => {
    let loads = 0;
    const greeter = onFirstUse<Greeter>(async () => {
      loads++;
      return { greet: async (name) => `hello ${name}` };
    });
    // An async function may hand the port on: it is not taken for a promise.
    const handed = await (async () => greeter)();
    expect(loads).toBe(0);
    const answers = await Promise.all([handed.greet("ann"), handed.greet("bo")]);
    expect(answers).toEqual(["hello ann", "hello bo"]);
    expect(await greeter.greet("cy")).toBe("hello cy");
    expect(loads).toBe(1);
  });

  it("passes a load's failure to the call and tries again on the next one", async () => {
    let loads = 0;
    const greeter = onFirstUse<Greeter>(async () => {
      loads++;
      if (loads === 1) throw new Error("secret unreachable");
      return { greet: async (name) => `hi ${name}` };
    });
    await expect(greeter.greet("ann")).rejects.toThrow("secret unreachable");
    expect(await greeter.greet("ann")).toBe("hi ann");
    expect(loads).toBe(2);
  });

  it("refuses a name the adapter has no method for", async () => {
    const greeter = onFirstUse<Greeter>(async () => ({ greet: async (name) => name }));
    await expect((greeter as unknown as { wave(): Promise<void> }).wave()).rejects.toThrow(
      "wave is not a method of this port",
    );
  });
});
