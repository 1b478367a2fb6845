import { getFormatter, getTranslations } from "next-intl/server";
import type { ConsentView } from "@/lib/consent";
import { ClientName } from "./ClientName";
import { link } from "./styles";

// The parts of the consent screen that explain, in the order a person needs them (CONSENT.md §1).

const section = "mt-6";
const heading = "mb-2 font-semibold";

/** What changed since the person last decided (only shown when asked again). */
export async function ConsentChanges({ view }: { view: ConsentView }) {
  if (view.changes.length === 0) return null;
  const [t, format] = await Promise.all([getTranslations("Consent.changes"), getFormatter()]);
  return (
    <section aria-labelledby="consent-changes" className="mt-4 rounded-brand border-s-4 border-brand bg-canvas p-3">
      <h2 id="consent-changes" className="font-semibold">
        {t("heading")}
      </h2>
      <ul className="mt-1 list-disc ps-6">
        {view.changes.map((change) => (
          <li key={change}>
            {change === "expired" && view.previousEndedAt
              ? t("expired", { date: format.dateTime(view.previousEndedAt, { dateStyle: "long" }) })
              : t(change === "expired" ? "asked_again" : change)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** RFC 9396 payment_initiation details, exactly as requested (CONSENT.md §1.9). */
export async function PaymentSummary({ view }: { view: ConsentView }) {
  if (view.payments.length === 0) return null;
  const t = await getTranslations("Consent.transaction");
  const account = (value: Record<string, string>) =>
    Object.entries(value).map(([key, number]) => (
      <span key={key} className="block">
        <span className="me-2 text-ink-muted">{key}</span>
        <bdi className="font-mono">{number}</bdi>
      </span>
    ));
  return (
    <section aria-labelledby="consent-payments" className={section}>
      <h2 id="consent-payments" className={heading}>
        {t("heading")}
      </h2>
      {view.payments.map((payment, index) => (
        <dl key={index} className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-brand border-2 border-warning bg-warning-soft p-3">
          <dt className="font-medium">{t("amount")}</dt>
          <dd>
            <bdi className="text-lg font-bold">{payment.instructedAmount.amount}</bdi> <bdi>{payment.instructedAmount.currency}</bdi>
          </dd>
          <dt className="font-medium">{t("payee")}</dt>
          <dd>
            <bdi>{payment.creditorName}</bdi>
          </dd>
          <dt className="font-medium">{t("account")}</dt>
          <dd>{account(payment.creditorAccount)}</dd>
          {payment.debtorAccount && (
            <>
              <dt className="font-medium">{t("fromAccount")}</dt>
              <dd>{account(payment.debtorAccount)}</dd>
            </>
          )}
          {payment.remittanceInformationUnstructured && (
            <>
              <dt className="font-medium">{t("reference")}</dt>
              <dd>
                <bdi>{payment.remittanceInformationUnstructured}</bdi>
              </dd>
            </>
          )}
        </dl>
      ))}
      <p className="mt-2 text-sm">{t("note")}</p>
    </section>
  );
}

/** Services (audiences) the access is for, new ones marked. */
export async function AudienceList({ view }: { view: ConsentView }) {
  if (view.audience.length === 0) return null;
  const t = await getTranslations("Consent");
  return (
    <section aria-labelledby="consent-audience" className={section}>
      <h2 id="consent-audience" className={heading}>
        {t("audienceHeading")}
      </h2>
      <ul className="list-disc ps-6">
        {view.audience.map((aud) => (
          <li key={aud.value}>
            <bdi className="font-mono text-sm">{aud.value}</bdi>
            {aud.isNew && <span className="ms-2 rounded-brand bg-brand px-1.5 py-0.5 text-xs font-semibold text-on-brand">{t("marks.new")}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One-time or continuous access and the date it ends (CONSENT.md §1.4, FAPI 1.0 Part 1 §5.2.2-17). */
export async function AccessSummary({ view, clientName }: { view: ConsentView; clientName: string }) {
  const [t, scopes, format] = await Promise.all([getTranslations("Consent"), getTranslations("Scopes"), getFormatter()]);
  const date = format.dateTime(view.access.endsAt, { dateStyle: "long" });
  const app = () => <ClientName name={clientName} fallback={clientName} />;
  const { continuous, continuousIsNew, perUse } = view.access;
  return (
    <section aria-labelledby="consent-access" className={section}>
      <h2 id="consent-access" className={heading}>
        {t("access.heading")}
      </h2>
      <div className={continuous ? "rounded-brand border-2 border-warning bg-warning-soft p-3" : "rounded-brand p-3 ring-1 ring-line/60"}>
        <p className="font-semibold">
          {continuous ? t("access.continuous") : t("access.oneTime")}
          {continuousIsNew && <span className="ms-2 rounded-brand bg-brand px-1.5 py-0.5 text-xs font-semibold text-on-brand">{t("marks.new")}</span>}
        </p>
        {continuous && <p className="mt-1">{scopes("offline_access.title")}</p>}
        <p className="mt-1">
          {continuous
            ? t.rich("access.continuousBody", { client: clientName, date, app })
            : perUse
              ? t.rich("access.perUseBody", { client: clientName, app })
              : t.rich("access.oneTimeBody", { client: clientName, date, app })}
        </p>
        {continuous && <p className="mt-1 font-semibold">{t("access.longLived")}</p>}
        <p className="mt-2 font-semibold">{t("access.endsOn", { date })}</p>
      </div>
    </section>
  );
}

/** Purpose, sharing, deletion, restrictions and cautions from the client's metadata (JBA §3.4.2 d). */
export async function DataUse({ view }: { view: ConsentView }) {
  const entries = Object.entries(view.about);
  if (entries.length === 0) return null;
  const t = await getTranslations("Consent.about");
  return (
    <section aria-labelledby="consent-about" className={section}>
      <h2 id="consent-about" className={heading}>
        {t("heading")}
      </h2>
      <dl className="space-y-2">
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt className="font-medium">{t(key as keyof typeof view.about)}</dt>
            <dd lang={value.lang} className="whitespace-pre-line">
              <bdi>{value.text}</bdi>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Terms, privacy policy (new tab, the flow stays) and how to revoke later (CDR 4.11(3)(g)). */
export async function ConsentLinks({ view }: { view: ConsentView }) {
  const [t, common] = await Promise.all([getTranslations("Consent"), getTranslations("Common")]);
  const { tosUri, policyUri } = view.client;
  return (
    <>
      {(tosUri || policyUri) && (
        <nav aria-label={t("links")} className="mt-6 flex flex-wrap gap-x-6 gap-y-2">
          {tosUri && (
            <a href={tosUri} target="_blank" rel="noopener noreferrer" className={link}>
              {t("tos")} <span className="sr-only">{common("opensInNewTab")}</span>
            </a>
          )}
          {policyUri && (
            <a href={policyUri} target="_blank" rel="noopener noreferrer" className={link}>
              {t("policy")} <span className="sr-only">{common("opensInNewTab")}</span>
            </a>
          )}
        </nav>
      )}
      <p className="mt-4">
        {t.rich("revoke", {
          link: (chunks) => (
            <a href="/account/apps" target="_blank" rel="noopener" className={link}>
              {chunks} <span className="sr-only">{common("opensInNewTab")}</span>
            </a>
          ),
        })}
      </p>
    </>
  );
}
