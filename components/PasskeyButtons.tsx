"use client";

import { browserSupportsWebAuthn, startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useState, useSyncExternalStore, useTransition, type ReactNode } from "react";
import type { PasskeyRegistered, PasskeyResult } from "@/lib/mfa/state";
import { RecoveryCodesPanel } from "./RecoveryCodesPanel";
import { secondaryButton } from "./styles";

// Passkey ceremonies need the browser's WebAuthn API, so these buttons exist only with JavaScript
// and a browser that supports it (rendered after hydration; the plain forms remain the way
// without). The server actions give the options and check the authenticator's answer.

const noop = () => () => {};
function useWebAuthn(): boolean {
  return useSyncExternalStore(noop, () => browserSupportsWebAuthn(), () => false);
}

interface AuthProps {
  options: () => Promise<PasskeyResult<PublicKeyCredentialRequestOptionsJSON>>;
  verify: (response: unknown) => Promise<PasskeyResult<string>>;
  label: string;
  working: string;
  errors: Record<string, string>;
  className?: string;
  /** A word set before the button ("or"), shown only when the button is. */
  separator?: string;
}

/** Sign in, or confirm, with a passkey; on success the browser goes where the server says. */
export function PasskeyAuthButton({ options, verify, label, working, errors, className, separator }: AuthProps) {
  const supported = useWebAuthn();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  if (!supported) return null;
  return (
    <div>
      {separator && <p className="my-4 text-center text-ink-muted">{separator}</p>}
      <button
        type="button"
        className={className ?? secondaryButton}
        disabled={pending}
        onClick={() =>
          start(async () => {
            setError(undefined);
            const prepared = await options();
            if (!prepared.ok) return setError(errors[prepared.error] ?? errors.internal);
            let response: unknown;
            try {
              response = await startAuthentication({ optionsJSON: prepared.value });
            } catch {
              return setError(errors.passkeyFailed);
            }
            const verified = await verify(response);
            if (!verified.ok) return setError(errors[verified.error] ?? errors.internal);
            window.location.assign(verified.value);
          })
        }
      >
        {pending ? working : label}
      </button>
      {error && (
        <p role="alert" className="mt-2 text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

interface RegisterProps {
  options: () => Promise<PasskeyResult<PublicKeyCredentialCreationOptionsJSON>>;
  verify: (response: unknown) => Promise<PasskeyResult<PasskeyRegistered>>;
  label: string;
  working: string;
  errors: Record<string, string>;
  recoveryText: Parameters<typeof RecoveryCodesPanel>[0]["text"];
  /** Shown under the recovery codes once they were made (e.g. back to the security page). */
  after?: ReactNode;
  /** Not offered (a factor was just added another way); recovery codes made here still show. */
  hidden?: boolean;
}

/** Adds a passkey; a first second factor comes with recovery codes, shown once. */
export function PasskeyRegisterButton({ options, verify, label, working, errors, recoveryText, after, hidden }: RegisterProps) {
  const supported = useWebAuthn();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const [codes, setCodes] = useState<string[]>();
  if (codes) {
    return (
      <div className="space-y-6">
        <RecoveryCodesPanel codes={codes} text={recoveryText} />
        {after}
      </div>
    );
  }
  if (!supported || hidden) return null;
  return (
    <div>
      <button
        type="button"
        className={secondaryButton}
        disabled={pending}
        onClick={() =>
          start(async () => {
            setError(undefined);
            const prepared = await options();
            if (!prepared.ok) return setError(errors[prepared.error] ?? errors.internal);
            let response: unknown;
            try {
              response = await startRegistration({ optionsJSON: prepared.value });
            } catch {
              return setError(errors.passkeyFailed);
            }
            const verified = await verify(response);
            if (!verified.ok) return setError(errors[verified.error] ?? errors.internal);
            if (verified.value.codes.length > 0) setCodes(verified.value.codes);
            else if (verified.value.next) window.location.assign(verified.value.next);
          })
        }
      >
        {pending ? working : label}
      </button>
      {error && (
        <p role="alert" className="mt-2 text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
