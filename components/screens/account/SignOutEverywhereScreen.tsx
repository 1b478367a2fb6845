import { getTranslations } from "next-intl/server";
import { AccountShell, Panel } from "@/components/account/AccountShell";
import { ReauthNotice } from "@/components/account/ReauthNotice";
import { ErrorSummary } from "@/components/ErrorSummary";
import { FormActions } from "@/components/FormActions";

export const SIGN_OUT_EVERYWHERE_PATH = "/account/security/sign-out-everywhere";

interface Props {
  /** The last attempt failed (it came back here in the query). */
  error?: "unavailable" | "internal";
  /** Signed in recently enough to do it without entering the password again. */
  fresh: boolean;
  signOutEverywhere: () => Promise<void>;
}

/** The confirmation before ending every sign-in session, from plain props. */
export async function SignOutEverywhereScreen({ error, fresh, signOutEverywhere }: Props) {
  const [t, account, common] = await Promise.all([
    getTranslations("Account.signOutEverywhere"),
    getTranslations("Account"),
    getTranslations("Common"),
  ]);
  return (
    <AccountShell>
      <Panel labelledBy="everywhere-title">
        {error && <ErrorSummary title={common("errorSummaryTitle")} message={account(`errors.${error}`)} />}
        <h1 id="everywhere-title" className="text-2xl font-bold">
          {t("title")}
        </h1>
        <p className="mt-3">{t("body")}</p>
        <p className="mt-3 text-ink-muted">{t("appsNote")}</p>
        <div className="mt-8">
          {fresh ? (
            <form action={signOutEverywhere}>
              <FormActions primary={{ label: t("confirm") }} secondary={{ kind: "link", href: "/account/security", label: t("cancel") }} layout="pair" />
            </form>
          ) : (
            <ReauthNotice returnTo={SIGN_OUT_EVERYWHERE_PATH} />
          )}
        </div>
      </Panel>
    </AccountShell>
  );
}
