// What the forms that prove the address for a first second factor (./first-factor.ts) hand back.
// Keys name messages under FirstFactor.errors; "expired" is the screen's own (a sign-in that is
// no longer valid, a confirmation on the security page that ended).

export type FirstFactorError = "codeRequired" | "wrongCode" | "locked" | "mailLimit" | "mailFailed" | "noAddress" | "expired" | "internal";

export type FirstFactorState = { status: "idle" } | { status: "error"; error: FirstFactorError };

export const initialFirstFactorState: FirstFactorState = { status: "idle" };

/** Where the person is in proving their address for a first factor (./first-factor.ts). */
export type FirstFactorStep =
  | { kind: "noAddress" }
  /** `address` is masked (maskEmail): it is shown to someone who so far gave only a password. */
  | { kind: "ask" | "code"; address: string }
  | { kind: "proven" };

/** What a screen shows before a first factor: the step, and whom to ask when there is no address
 * (the brand's name and its support link). */
export interface FirstFactorView {
  step: Exclude<FirstFactorStep, { kind: "proven" }>;
  brand: string;
  support?: string;
}
