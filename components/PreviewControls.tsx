import { getTranslations } from "next-intl/server";
import type { Language } from "@/common/i18n/languages";
import type { PreviewQuery, PreviewScreen } from "@/lib/preview/query";
import { FormActions } from "./FormActions";
import { input, secondaryButton } from "./styles";

interface Props {
  query: PreviewQuery;
  screens: readonly PreviewScreen[];
  languages: readonly Language[];
  brands: readonly string[];
  problems: readonly string[];
}

/** The preview's settings: a GET form, so each preview has its own shareable address (which
 * never contains the admin token). */
export async function PreviewControls({ query, screens, languages, brands, problems }: Props) {
  const t = await getTranslations("Preview");
  const select = `${input} min-h-11`;
  return (
    <section aria-labelledby="preview-title" className="mx-auto w-full max-w-3xl rounded-brand border-2 border-dashed border-line bg-surface p-4">
      <h1 id="preview-title" className="text-lg font-bold">
        {t("title")}
      </h1>
      <p className="mt-1 text-sm text-ink-muted">{t("intro")}</p>
      {problems.length > 0 && (
        <div className="mt-3 text-sm text-danger">
          <p className="font-semibold">{t("brandProblems")}</p>
          <ul className="list-disc ps-5">
            {problems.map((problem) => (
              <li key={problem} dir="ltr">
                {problem}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="get" action="/preview" aria-label={t("controls")} className="mt-4 grid gap-3 sm:grid-cols-5 sm:items-end">
        <div>
          <label htmlFor="preview-screen" className="mb-1 block text-sm font-medium">
            {t("screen")}
          </label>
          <select id="preview-screen" name="screen" defaultValue={query.screen ?? "login"} className={select}>
            {screens.map((screen) => (
              <option key={screen} value={screen}>
                {t(`screens.${screen}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="preview-locale" className="mb-1 block text-sm font-medium">
            {t("locale")}
          </label>
          <select id="preview-locale" name="locale" defaultValue={query.locale} className={select}>
            {languages.map(({ tag, name }) => (
              <option key={tag} value={tag} lang={tag}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="preview-brand" className="mb-1 block text-sm font-medium">
            {t("brand")}
          </label>
          <select id="preview-brand" name="brand" defaultValue={query.brand ?? ""} className={select}>
            <option value="">{"—"}</option>
            {brands.map((brand) => (
              <option key={brand} value={brand} dir="ltr">
                {brand}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="preview-client" className="mb-1 block text-sm font-medium">
            {t("client")}
          </label>
          <input id="preview-client" name="client" type="text" dir="ltr" defaultValue={query.client ?? ""} className={input} />
        </div>
        <FormActions primary={{ label: t("show"), className: secondaryButton }} layout="bare" />
      </form>
      <form method="post" action="/preview/session" className="mt-3">
        <input type="hidden" name="intent" value="leave" />
        <FormActions primary={{ label: t("signOut"), className: "text-sm font-medium text-brand underline underline-offset-2" }} layout="bare" />
      </form>
    </section>
  );
}
