import type { Metadata } from "next";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { PreviewControls } from "@/components/PreviewControls";
import { PreviewSignIn } from "@/components/PreviewSignIn";
import { PreviewScreen } from "@/components/screens/PreviewScreen";
import { brandSet } from "@/lib/branding";
import { shippedLanguages } from "@/lib/i18n/routing";
import { decodeAccess, PREVIEW_ACCESS_HEADER } from "@/lib/preview/auth";
import { previewQuery, previewScreens } from "@/lib/preview/query";
import { previewSample } from "@/lib/preview/sample";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Preview");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The operator preview: every screen for a chosen client, brand and locale, with sample data.
 * proxy.ts already decided who may see it and applied the chosen locale and brand (when allowed). */
export default async function PreviewPage({ searchParams }: { searchParams: SearchParams }) {
  const [params, incoming] = await Promise.all([searchParams, headers()]);
  // proxy.ts checked the cookie or the bearer token, counted (lib/preview/auth.ts).
  const access = decodeAccess(incoming.get(PREVIEW_ACCESS_HEADER));

  if (access.kind !== "allowed") {
    if (access.kind === "throttled") return <PreviewSignIn state={{ kind: "throttled", retryAt: access.retryAt }} />;
    if (access.kind === "unavailable") return <PreviewSignIn state={{ kind: "unavailable" }} />;
    const denied = access.kind === "refused" || params.denied !== undefined;
    return <PreviewSignIn state={{ kind: denied ? "denied" : "idle" }} />;
  }

  const query = previewQuery(params);
  const { brands, problems } = brandSet();
  return (
    <div className="space-y-8">
      <PreviewControls
        query={{ ...query, locale: await getLocale() }}
        screens={previewScreens}
        languages={shippedLanguages()}
        brands={[...brands.keys()]}
        problems={problems}
      />
      <PreviewScreen screen={query.screen ?? "login"} sample={await previewSample(query.client)} />
    </div>
  );
}
