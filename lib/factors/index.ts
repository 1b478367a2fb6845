import "server-only";
import { env } from "@/lib/config/env";
import { identityStore } from "@/lib/identity";
import { factorsIn, type Factors } from "./store";

export { THROTTLE, type FactorInfo, type FactorSummary, type Factors, type Passkey, type Throttle } from "./store";
export { RECOVERY_CODE_COUNT } from "./recovery";
export { hasSecondFactor, verifyCode, verifyPasskey, type FactorCheck, type FactorFailure, type PasskeyCheck } from "./verify";

/** The second factors in the process-wide identity store. */
export async function factorStore(): Promise<Factors> {
  const store = await identityStore();
  return factorsIn(store.database.db, env().TOBIRA_SECRET, store.database.engine);
}
