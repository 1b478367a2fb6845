import { getTranslations } from "next-intl/server";
import { AccountShell, Panel } from "@/components/account/AccountShell";
import { ReauthNotice } from "@/components/account/ReauthNotice";
import { ClientName } from "@/components/ClientName";
import { ErrorSummary } from "@/components/ErrorSummary";
import { FormActions } from "@/components/FormActions";
import { secondaryButton } from "@/components/styles";

interface Props {
  /** Every app, or one app (its ID for the form, its name as shown). */
  target: { all: true } | { all: false; clientId?: string; name: string };
  /** Why there is nothing to revoke: the app has no access, or the list could not be loaded. */
  problem?: "notGranted" | "unavailable" | "internal";
  /** The last revocation failed (it came back here in the query). */
  error?: "unavailable" | "internal";
  /** Signed in recently enough to revoke without entering the password again. */
  fresh: boolean;
  /** This confirmation's own URL, to come back to after signing in again. */
  returnTo: string;
  revoke: (formData: FormData) => Promise<void>;
}

/** The confirmation before revoking (CONSENT.md §4: explain the consequence first), from plain props. */
export async function RevokeScreen({ target, problem, error, fresh, returnTo, revoke }: Props) {
  const [t, account, common] = await Promise.all([getTranslations("Apps.confirm"), getTranslations("Account"), getTranslations("Common")]);
  const name = target.all ? "" : target.name;
  const app = () => <ClientName name={name} fallback={name} />;
  return (
    <AccountShell>
      <Panel labelledBy="revoke-title">
        {error && <ErrorSummary title={common("errorSummaryTitle")} message={account(`errors.${error}`)} />}
        <h1 id="revoke-title" className="text-2xl font-bold">
          {target.all ? t("allTitle") : t.rich("title", { client: name, app })}
        </h1>
        {problem && <p className="mt-3">{problem === "notGranted" ? t("notGranted") : account(`errors.${problem}`)}</p>}
        {!problem && (
          <>
            <p className="mt-3">{target.all ? t("allBody") : t.rich("body", { client: name, app })}</p>
            <p className="mt-3 text-ink-muted">{t("dataNote")}</p>
            <div className="mt-8">
              {fresh ? (
                <form action={revoke}>
                  <input type="hidden" name="scope" value={target.all ? "all" : "app"} />
                  {!target.all && <input type="hidden" name="client" value={target.clientId} />}
                  <FormActions
                    primary={{ label: target.all ? t("confirmAll") : t("confirm") }}
                    secondary={{ kind: "link", href: "/account/apps", label: t("cancel") }}
                    layout="pair"
                  />
                </form>
              ) : (
                <ReauthNotice returnTo={returnTo} />
              )}
            </div>
          </>
        )}
        {problem && (
          <p className="mt-6">
            <a href="/account/apps" className={secondaryButton}>
              {t("cancel")}
            </a>
          </p>
        )}
      </Panel>
    </AccountShell>
  );
}
