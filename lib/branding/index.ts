import "server-only";
import path from "node:path";
import { headers } from "next/headers";
import { env } from "@/lib/config/env";
import { messagesFor } from "@/lib/i18n/messages";
import { messageKeys } from "@/common/i18n/keys";
import { defaultLocale } from "@/lib/i18n/routing";
import { BRAND_HEADER } from "./headers";
import { builtInDefaultBrand, DEFAULT_BRAND_ID, loadBrandDirectory, type BrandSet } from "./load";
import type { Brand } from "./schema";

export { brandCss } from "./css";
export { brandIdOf } from "./client-brand";
export { BRAND_HEADER, CLIENT_HEADER, PATH_HEADER } from "./headers";
export type { Brand } from "./schema";

let loaded: BrandSet | undefined;

/** The operator's brands, read once per process. `npm start` refuses invalid brands before the
 * UI starts; should one slip through (the UI started another way), it is left out with a logged
 * reason and its clients get the default brand, never an unreadable page. */
export function brandSet(): BrandSet {
  if (loaded) return loaded;
  const dir = path.resolve(env().TOBIRA_BRANDING_DIR);
  loaded = loadBrandDirectory(dir, new Set(messageKeys(messagesFor(defaultLocale))));
  if (loaded.problems.length) console.error(`[tobira] brands left out:\n  ${loaded.problems.join("\n  ")}`);
  return loaded;
}

export function brandById(id: string | null | undefined): Brand {
  const { brands } = brandSet();
  return (id ? brands.get(id) : undefined) ?? brands.get(DEFAULT_BRAND_ID) ?? builtInDefaultBrand;
}

/** The brand proxy.ts resolved for this request. */
export async function currentBrand(): Promise<Brand> {
  return brandById((await headers()).get(BRAND_HEADER));
}

export function assetsDirectory(): string {
  return path.resolve(env().TOBIRA_BRANDING_DIR, "assets");
}
