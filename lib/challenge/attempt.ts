import "server-only";
import { ChallengeError, type ChallengeErrorKind } from "./errors";
import { reportChallengeError } from "./report";

export type Attempt<T> = { ok: true; value: T } | { ok: false; kind: ChallengeErrorKind };

/** Runs admin API work and turns every failure into a classified kind, logging what needs
 * investigating. Flows use it so that no upstream failure ever reaches a person as a 500. */
export async function attempt<T>(where: string, work: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const classified =
      error instanceof ChallengeError ? error : new ChallengeError("internal", describe(error), { cause: error });
    reportChallengeError(classified, where);
    return { ok: false, kind: classified.kind };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
}
