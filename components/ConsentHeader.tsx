import { getTranslations } from "next-intl/server";
import { currentBrand } from "@/lib/branding";
import type { ConsentClientView } from "@/lib/consent/flow";
import { ClientLogo } from "./ClientLogo";
import { ClientName } from "./ClientName";

/**
 * Who is asking (CONSENT.md §1.1): logo, name and whether the operator verified the client.
 * Self-asserted names and logos are never presented as trusted.
 */
export async function ConsentHeader({ client, name, title }: { client: ConsentClientView; name: string; title: "title" | "refusal.unsupportedTitle" | "refusal.stepUpTitle" }) {
  const [t, { name: brand }] = await Promise.all([getTranslations("Consent"), currentBrand()]);
  return (
    <>
      {client.logoUri && (
        <div className="mb-4">
          <ClientLogo src={client.logoUri} alt={t("logoAlt", { client: name })} />
        </div>
      )}
      <h1 className="text-2xl font-bold">{t.rich(title, { client: name, app: () => <ClientName name={name} fallback={name} /> })}</h1>
      {client.verified ? (
        <p className="mt-2 text-sm font-semibold text-brand">{t("verified", { brand })}</p>
      ) : (
        <div role="note" className="mt-3 rounded-brand border-2 border-warning bg-warning-soft p-3">
          <p className="font-semibold text-warning">{t("unverified")}</p>
          <p className="mt-1 text-sm">{t("unverifiedHelp", { brand })}</p>
        </div>
      )}
    </>
  );
}
