import "server-only";
import { bearerMatches } from "@/common/secret-equal";

/** True when the Authorization header carries exactly the bearer token (common/secret-equal.ts:
 * compared in time that tells nothing about the token). */
export function hasBearer(authorization: string | null, token: string): boolean {
  return bearerMatches(authorization, token);
}
