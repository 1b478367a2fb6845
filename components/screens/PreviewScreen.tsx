import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { ErrorSummary } from "@/components/ErrorSummary";
import { ProblemView } from "@/components/ProblemView";
import { challenges, type Client } from "@/lib/challenge";
import { scopeCatalogue } from "@/lib/consent/catalogue-file";
import { localizedClientField, pickLocalized, readConsentMetadata } from "@/lib/consent/metadata";
import { describeScopes } from "@/lib/consent/scopes";
import type { ConsentView } from "@/lib/consent";
import type { StepUpView } from "@/lib/mfa/view";
import { previewDecisionAction, previewLoginAction, previewStepUpAction } from "@/lib/preview/actions";
import type { PreviewScreen as Screen } from "@/lib/preview/query";
import { ConsentScreen } from "./ConsentScreen";
import { LoginScreen } from "./LoginScreen";
import { LogoutScreen } from "./LogoutScreen";
import { StepUpScreen } from "./StepUpScreen";

const CHALLENGE = "preview";
const SAMPLE_SCOPES = ["openid", "profile", "email"];
// A fixed end date keeps the preview (and its screenshots) the same from day to day.
const SAMPLE_END = new Date("2027-03-31T03:00:00Z");

/** One real screen component with sample props, or with the chosen client's name and texts. */
export async function PreviewScreen({ screen, clientId }: { screen: Screen; clientId?: string }) {
  const [t, locale] = await Promise.all([getTranslations("Preview"), getLocale()]);
  const client: Client | undefined = clientId ? await challenges().getClient(clientId).catch(() => undefined) : undefined;
  const clientName = (client && localizedClientField(client, "client_name", locale)) ?? (client?.name || t("sample.clientName"));
  const purpose = client ? pickLocalized(readConsentMetadata(client.metadata).metadata.consent.purpose, locale) : { text: t("sample.purpose") };

  const consent: ConsentView = {
    challenge: CHALLENGE,
    client: { name: clientName, verified: client ? readConsentMetadata(client.metadata).metadata.verified : true },
    scopes: describeScopes(SAMPLE_SCOPES, scopeCatalogue()),
    optionalScopes: [],
    audience: [],
    access: { continuous: false, continuousIsNew: false, perUse: false, endsAt: SAMPLE_END },
    changes: [],
    about: purpose ? { purpose } : {},
    payments: [],
  };

  const stepUp: StepUpView = {
    challenge: CHALLENGE,
    clientName,
    accountName: t("sample.userName"),
    reasons: ["scope"],
    method: "totp",
    hasTotp: true,
    hasPasskey: false,
    hasRecovery: true,
    enrolled: false,
  };

  return (
    <section aria-label={t("sampleNotice")}>
      {clientId && !client && (
        <div className="mx-auto mb-4 max-w-md">
          <ErrorSummary title={t("clientNotFound")} message={clientId} />
        </div>
      )}
      {screen === "login" && (
        <LoginScreen challenge={CHALLENGE} clientName={clientName} loginHint="" registrationOpen action={previewLoginAction} initialState={{ status: "idle" }} />
      )}
      {screen === "loginError" && (
        <LoginScreen
          challenge={CHALLENGE}
          clientName={clientName}
          loginHint=""
          registrationOpen
          action={previewLoginAction}
          initialState={{ status: "error", error: "invalidCredentials", identifier: t("sample.userName"), remember: false }}
        />
      )}
      {screen === "mfa" && <StepUpScreen view={stepUp} codeAction={previewStepUpAction} />}
      {screen === "consent" && <ConsentScreen step={{ kind: "form", view: consent }} action={previewDecisionAction} />}
      {screen === "logout" && <LogoutScreen challenge={CHALLENGE} clientName={clientName} action={previewDecisionAction} />}
      {screen === "error" && <ProblemView reason="not_found" />}
    </section>
  );
}
