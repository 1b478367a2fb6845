import { optionalChallenge } from "./fields";
import { TOKEN_PATTERN } from "@/lib/identity/tokens";

type Param = string | string[] | undefined;

/** The optional login_challenge of /register and /recover; anything unusable is dropped. */
export function challengeFrom(value: Param): string | undefined {
  return optionalChallenge.parse(typeof value === "string" ? value : undefined);
}

/** The token of an emailed link, or undefined when it cannot be one. */
export function tokenFrom(value: Param): string | undefined {
  return typeof value === "string" && TOKEN_PATTERN.test(value) ? value : undefined;
}
