import type { Principal } from "../identity/principal.ts";

/** What every request carries through the middleware chain. */
export interface AppEnv {
  Variables: {
    principal: Principal | undefined;
    requestId: string;
  };
}
