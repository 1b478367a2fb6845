import "server-only";
import { getTranslations } from "next-intl/server";
import type { SecondFactorActions } from "@/components/account/SecondFactors";
import type { GrantedApp } from "@/lib/account/apps";
import type { ActivityView } from "@/lib/activity";
import { currentBrand } from "@/lib/branding";
import { showTotpKey, type TotpEnrolment } from "@/lib/factors/enrol";
import type { FirstFactorView } from "@/lib/factors/first-factor-state";
import { maskEmail } from "@/lib/identity/email";
import type { StepUpView } from "@/lib/mfa/view";
import { previewFirstFactorAction, previewFormAction, previewPasskeyAction, previewSecurityAction } from "@/lib/preview/account-actions";
import { previewStepUpAction } from "@/lib/preview/actions";
import type { accountAreaScreens } from "@/lib/preview/query";
import { AccountHomeScreen } from "../account/AccountHomeScreen";
import { AuthenticatorScreen } from "../account/AuthenticatorScreen";
import { GrantedAppsScreen } from "../account/GrantedAppsScreen";
import { RevokedScreen } from "../account/RevokedScreen";
import { RevokeScreen } from "../account/RevokeScreen";
import { SecurityScreen } from "../account/SecurityScreen";
import { SignOutEverywhereScreen } from "../account/SignOutEverywhereScreen";
import { MfaEnrolment, MfaEnrolmentProof } from "../MfaEnrolment";
import { StepUpScreen } from "../StepUpScreen";
import type { PreviewSample } from "@/lib/preview/sample";

/** RFC 6238 Appendix B's test key: fixed, so the QR code and key in the screenshots never change. */
const SAMPLE_TOTP_KEY = new TextEncoder().encode("12345678901234567890");
const SAMPLE_CLIENT_ID = "preview-kakeibo";
// Documentation address ranges (RFC 5737), already masked the way activity stores them.
const THIS_NETWORK = "192.0.2.x";
const OTHER_NETWORK = "198.51.100.x";

const minutes = (date: Date, count: number) => new Date(date.getTime() + count * 60_000);
const days = (date: Date, count: number) => minutes(date, count * 24 * 60);

const securityActions: SecondFactorActions & { signOut: () => Promise<void> } = {
  confirmPassword: previewSecurityAction,
  confirmCode: previewSecurityAction,
  confirmPasskeyOptions: previewPasskeyAction,
  confirmPasskeyVerify: previewPasskeyAction,
  registerPasskeyOptions: previewPasskeyAction,
  registerPasskeyVerify: previewPasskeyAction,
  rename: previewSecurityAction,
  remove: previewSecurityAction,
  regenerateCodes: previewSecurityAction,
  sendFirstFactorCode: previewFirstFactorAction,
  proveFirstFactor: previewFirstFactorAction,
  signOut: previewFormAction,
};

/** The account area and second-factor enrolment, with sample data. */
export async function AccountAreaPreview({ screen, sample }: { screen: (typeof accountAreaScreens)[number]; sample: PreviewSample }) {
  switch (screen) {
    case "account":
      return <AccountHomeScreen name={sample.userName} signOut={previewFormAction} />;
    case "accountApps":
      return <GrantedAppsScreen listed={{ ok: true, apps: await grantedApps(sample) }} signOut={previewFormAction} />;
    case "accountRevoke":
      return (
        <RevokeScreen
          target={{ all: false, clientId: SAMPLE_CLIENT_ID, name: sample.clientName }}
          fresh
          returnTo="/account/apps"
          revoke={previewFormAction}
        />
      );
    case "accountRevoked":
      return <RevokedScreen target={{ all: false, name: sample.clientName }} />;
    case "accountSecurity":
      return <SecurityScreen factors={await managedFactors(sample)} activity={await activity(sample)} actions={securityActions} />;
    case "accountSecurityConfirm":
      return (
        <SecurityScreen
          factors={{ kind: "confirmPassword", account: { userName: sample.userName }, hasPasskey: false }}
          activity={await activity(sample)}
          actions={securityActions}
        />
      );
    case "accountAuthenticator":
      return <AuthenticatorScreen enrolment={await sampleEnrolment(sample)} accountName={sample.userName} add={previewSecurityAction} />;
    case "accountSecurityFirstFactor": {
      const factors = { ...(await managedFactors(sample)), firstFactor: await firstFactor(sample, "ask") };
      return <SecurityScreen factors={factors} activity={await activity(sample)} actions={securityActions} />;
    }
    case "mfaFirstFactor":
    case "mfaFirstFactorNoAddress": {
      const view = { ...(await enrolView(sample)), enrol: undefined };
      const proof = await firstFactor(sample, screen === "mfaFirstFactor" ? "code" : "noAddress");
      const actions = { send: previewFirstFactorAction, confirm: previewFirstFactorAction, cancel: previewStepUpAction };
      return <StepUpScreen view={view} codeAction={previewStepUpAction} enrolment={<MfaEnrolmentProof view={{ challenge: sample.challenge, proof }} actions={actions} />} />;
    }
    case "mfaEnrol": {
      const view = await enrolView(sample);
      const actions = { confirm: previewStepUpAction, continueSignIn: previewStepUpAction, passkeyOptions: previewPasskeyAction, passkeyVerify: previewPasskeyAction };
      return <StepUpScreen view={view} codeAction={previewStepUpAction} enrolment={<MfaEnrolment view={view} actions={actions} />} />;
    }
    case "accountSignOutEverywhere":
      return <SignOutEverywhereScreen fresh signOutEverywhere={previewFormAction} />;
  }
}

/** A new authenticator app's QR code and key, made the way the real one is, from the fixed key. */
async function sampleEnrolment(sample: PreviewSample): Promise<TotpEnrolment> {
  const brand = await currentBrand();
  return { ...(await showTotpKey(SAMPLE_TOTP_KEY, brand.name, sample.userName)), token: "preview" };
}

async function grantedApps(sample: PreviewSample): Promise<GrantedApp[]> {
  const t = await getTranslations("Preview");
  return [
    {
      // A payment approved once that asked for offline access: the app can still refresh.
      clientId: "preview-quick-pay",
      name: t("sample.paymentClientName"),
      scopes: ["openid", "transactions", "offline_access"],
      audiences: [],
      grantedAt: days(sample.date, -1),
      access: "per-use",
      endsAt: days(sample.date, 29),
      ended: false,
      perUseUntil: days(sample.date, 29),
    },
    {
      // Continuous access, and a per-use grant (transactions) that can still refresh.
      clientId: SAMPLE_CLIENT_ID,
      name: sample.clientName,
      scopes: ["openid", "profile", "email", "offline_access", "transactions"],
      audiences: [],
      grantedAt: days(sample.date, -40),
      access: "continuous",
      ended: false,
      perUseUntil: days(sample.date, 20),
    },
    {
      clientId: "preview-photo-album",
      name: t("sample.otherClientName"),
      scopes: ["openid", "email"],
      audiences: [],
      grantedAt: days(sample.date, -3),
      access: "one-time",
      endsAt: days(sample.date, -3),
      ended: true,
    },
  ];
}

async function managedFactors(sample: PreviewSample) {
  const [security, passkeys] = await Promise.all([getTranslations("Security"), getTranslations("Passkeys")]);
  return {
    kind: "manage" as const,
    account: { userName: sample.userName },
    summary: {
      totp: [{ id: "preview-totp", name: security("defaultAppName"), createdAt: days(sample.date, -30), lastUsedAt: minutes(sample.date, -5) }],
      passkeys: [{ id: "preview-passkey", name: passkeys("defaultName"), createdAt: days(sample.date, -7) }],
      recoveryRemaining: 8,
    },
    until: minutes(sample.date, 10),
  };
}

async function activity(sample: PreviewSample): Promise<ActivityView> {
  const t = await getTranslations("Preview");
  const other = t("sample.otherClientName");
  const event = (id: string, kind: ActivityView["events"][number]["kind"], at: Date, network: string, clientName?: string) => ({
    id,
    subject: "preview",
    kind,
    at,
    network,
    clientName,
  });
  return {
    network: THIS_NETWORK,
    events: [
      event("5", "sign_in", minutes(sample.date, -5), THIS_NETWORK, sample.clientName),
      event("4", "consent_granted", days(sample.date, -3), OTHER_NETWORK, other),
      event("3", "sign_in", days(sample.date, -3), OTHER_NETWORK, other),
      event("2", "factor_added", days(sample.date, -7), THIS_NETWORK),
      event("1", "consent_granted", days(sample.date, -40), THIS_NETWORK, sample.clientName),
    ],
  };
}

async function enrolView(sample: PreviewSample): Promise<StepUpView> {
  return {
    challenge: sample.challenge,
    clientName: sample.clientName,
    accountName: sample.userName,
    reasons: ["scope"],
    method: "recovery",
    hasTotp: false,
    hasPasskey: false,
    hasRecovery: false,
    enrol: await sampleEnrolment(sample),
    enrolled: false,
  };
}

/** The address proof before a first factor, at the step asked for. */
async function firstFactor(sample: PreviewSample, kind: "ask" | "code" | "noAddress"): Promise<FirstFactorView> {
  const brand = await currentBrand();
  const step = kind === "noAddress" ? { kind } : { kind, address: maskEmail(sample.email) };
  return { step, brand: brand.name, support: brand.links.support };
}
