import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { ErrorSummary } from "@/components/ErrorSummary";
import { ProblemView } from "@/components/ProblemView";
import { clientTextsFor } from "@/lib/branding";
import { challenges } from "@/lib/challenge";
import { describeScopes } from "@/lib/consent/scopes";
import { previewDecisionAction, previewLoginAction } from "@/lib/preview/actions";
import type { PreviewScreen as Screen } from "@/lib/preview/query";
import { ConsentScreen } from "./ConsentScreen";
import { LoginScreen } from "./LoginScreen";
import { LogoutScreen } from "./LogoutScreen";

const CHALLENGE = "preview";
const SAMPLE_SCOPES = ["openid", "profile", "email", "offline_access"];

/** One real screen component with sample props (or the chosen client's texts). */
export async function PreviewScreen({ screen, clientId }: { screen: Screen; clientId?: string }) {
  const [t, locale] = await Promise.all([getTranslations("Preview"), getLocale()]);
  const client = clientId ? await challenges().getClient(clientId).catch(() => undefined) : undefined;
  const texts = clientTextsFor(client?.metadata, locale);
  const clientName = texts.clientName ?? (client?.name || t("sample.clientName"));
  const purpose = client ? texts.purpose : t("sample.purpose");

  return (
    <section aria-label={t("sampleNotice")}>
      {clientId && !client && (
        <div className="mx-auto mb-4 max-w-md">
          <ErrorSummary title={t("clientNotFound")} message={clientId} />
        </div>
      )}
      {screen === "login" && (
        <LoginScreen challenge={CHALLENGE} clientName={clientName} loginHint="" action={previewLoginAction} initialState={{ status: "idle" }} />
      )}
      {screen === "loginError" && (
        <LoginScreen
          challenge={CHALLENGE}
          clientName={clientName}
          loginHint=""
          action={previewLoginAction}
          initialState={{ status: "error", error: "invalidCredentials", identifier: t("sample.userName"), remember: false }}
        />
      )}
      {screen === "consent" && (
        <ConsentScreen
          challenge={CHALLENGE}
          client={{ name: clientName, tosUri: client?.tosUri, policyUri: client?.policyUri }}
          purpose={purpose}
          scopes={describeScopes(SAMPLE_SCOPES)}
          action={previewDecisionAction}
        />
      )}
      {screen === "logout" && <LogoutScreen challenge={CHALLENGE} clientName={clientName} action={previewDecisionAction} />}
      {screen === "error" && <ProblemView reason="not_found" />}
    </section>
  );
}
