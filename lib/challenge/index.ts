import "server-only";
import { env } from "@/lib/config/env";
import { createChallengeClient, type ChallengeClient } from "./client";

export { ChallengeError, type ChallengeErrorKind } from "./errors";
export { createChallengeClient, type ChallengeClient } from "./client";
export { challengeParam, parseChallenge } from "./params";
export { attempt, type Attempt } from "./attempt";
export { reportChallengeError } from "./report";
export { flowErrorFor, isProblemReason, problemReasons, problemStatus, type FlowError, type ProblemReason } from "./problem";
export type * from "./types";

let client: ChallengeClient | undefined;

/** The process-wide admin API client, configured from HYDRA_ADMIN_URL. */
export function challenges(): ChallengeClient {
  if (!client) {
    const { HYDRA_ADMIN_URL, HYDRA_ADMIN_TOKEN, HYDRA_ADMIN_TIMEOUT_MS } = env();
    client = createChallengeClient({ baseUrl: HYDRA_ADMIN_URL, token: HYDRA_ADMIN_TOKEN, timeoutMs: HYDRA_ADMIN_TIMEOUT_MS });
  }
  return client;
}
