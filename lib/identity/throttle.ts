import type { Limited, LimitRule, Limits, LimitState, Reservation } from "./limits";

// Sign-in limits (NIST SP 800-63B §5.2.2, OWASP Authentication Cheat Sheet), on ./limits.ts:
// failures are counted per account name (whether or not the account exists, so that the answer
// never tells which names exist) and per client address; a successful sign-in clears the
// account's counter and gives the address its attempt back.

export interface ThrottlePolicy {
  account: LimitRule;
  address: LimitRule;
}

export const DEFAULT_POLICY: ThrottlePolicy = {
  account: { free: 4, baseDelay: 30, maxDelay: 15 * 60, forgetAfter: 60 * 60, clearOnSuccess: true },
  address: { free: 50, baseDelay: 60, maxDelay: 60 * 60, forgetAfter: 60 * 60, clearOnSuccess: false },
};

export interface ThrottleSubject {
  /** The account name as typed (normalised by the caller). */
  account: string;
  address: string;
}

export type ThrottleState = LimitState;

export function throttleIn(limits: Limits, policy: ThrottlePolicy = DEFAULT_POLICY) {
  const limited = (subject: ThrottleSubject): Limited[] => [
    { kind: "account", value: subject.account, rule: policy.account },
    { kind: "address", value: subject.address, rule: policy.address },
  ];
  return {
    /** Counts a sign-in attempt before the password is checked; refused while locked. */
    reserve(subject: ThrottleSubject): Promise<Reservation> {
      return limits.reserve(limited(subject));
    },
    /** Whether a sign-in may be tried now (counts nothing). */
    check(subject: ThrottleSubject): Promise<ThrottleState> {
      return limits.check(limited(subject));
    },
    /** Clears an account's counter (after a password reset by mail). */
    clearAccount(account: string): Promise<void> {
      return limits.clear({ kind: "account", value: account });
    },
  };
}

export type Throttle = ReturnType<typeof throttleIn>;
