import "server-only";
import { env } from "@/lib/config/env";
import { identityStore } from "@/lib/identity";
import { factorsIn, type Factors } from "./store";

export { THROTTLE, type FactorInfo, type FactorSummary, type Factors, type Passkey, type Throttle } from "./store";
export { RECOVERY_CODE_COUNT } from "./recovery";

/** The second factors in the process-wide identity store. */
export async function factorStore(): Promise<Factors> {
  const store = await identityStore();
  return factorsIn(store.database.db, env().TOBIRA_SECRET);
}

/** Throttle key of one account's second-factor attempts (shared by sign-in and the security page). */
export const factorThrottleKey = (accountId: string) => `second-factor:${accountId}`;
