"use client";

import { browserSupportsWebAuthn, startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useState, useSyncExternalStore, useTransition, type ReactNode } from "react";
import type { PasskeyRegistered, PasskeyResult } from "@/lib/mfa/state";
import { RecoveryCodesPanel } from "./RecoveryCodesPanel";
import { secondaryButton } from "./styles";

// Passkey ceremonies need the browser's WebAuthn API. The buttons are in the server's HTML, so
// nothing moves under a person's finger when the page comes alive (a late button pushed the links
// below it away from a click); without JavaScript CSS hides them (`needs-js`, globals.css), and a
// browser without WebAuthn drops them after hydration. The server actions give the options and
// check the authenticator's answer.

const noop = () => () => {};
function useWebAuthn(): boolean {
  return useSyncExternalStore(noop, () => browserSupportsWebAuthn(), () => true);
}

/** One ceremony: ask the server for options, let the browser talk to the authenticator, have the
 * server check the answer. Errors become translated texts; the browser's own refusal (cancelled,
 * timed out, no authenticator) is one message. */
function useCeremony<Options, Verified>(
  options: () => Promise<PasskeyResult<Options>>,
  browser: (optionsJSON: Options) => Promise<unknown>,
  verify: (response: unknown) => Promise<PasskeyResult<Verified>>,
  errors: Record<string, string>,
  done: (verified: Verified) => void,
) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const run = () =>
    start(async () => {
      setError(undefined);
      const prepared = await options();
      if (!prepared.ok) return setError(errors[prepared.error] ?? errors.internal);
      let response: unknown;
      try {
        response = await browser(prepared.value);
      } catch {
        return setError(errors.passkeyFailed);
      }
      const verified = await verify(response);
      if (!verified.ok) return setError(errors[verified.error] ?? errors.internal);
      done(verified.value);
    });
  return { pending, error, run };
}

function CeremonyButton({ ceremony, label, working, className }: { ceremony: ReturnType<typeof useCeremony>; label: string; working: string; className: string }) {
  return (
    <>
      <button type="button" className={className} disabled={ceremony.pending} onClick={ceremony.run}>
        {ceremony.pending ? working : label}
      </button>
      {ceremony.error && (
        <p role="alert" className="mt-2 text-danger">
          {ceremony.error}
        </p>
      )}
    </>
  );
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
  const ceremony = useCeremony(options, (optionsJSON) => startAuthentication({ optionsJSON }), verify, errors, (next) => window.location.assign(next));
  if (!supported) return null;
  return (
    <div className="needs-js">
      {separator && <p className="my-4 text-center text-ink-muted">{separator}</p>}
      <CeremonyButton ceremony={ceremony} label={label} working={working} className={className ?? secondaryButton} />
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
  const [codes, setCodes] = useState<string[]>();
  const ceremony = useCeremony(options, (optionsJSON) => startRegistration({ optionsJSON }), verify, errors, (registered) => {
    if (registered.codes.length > 0) setCodes(registered.codes);
    else if (registered.next) window.location.assign(registered.next);
  });
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
    <div className="needs-js">
      <CeremonyButton ceremony={ceremony} label={label} working={working} className={secondaryButton} />
    </div>
  );
}
