import { z } from "zod";
import { clientIdParam } from "@/lib/challenge/params";
import { isLocale } from "@/lib/i18n/routing";

// The preview's own query: which screen, in which language, for which brand and client.

// One list per group of screens (components/screens/preview/*Preview.tsx renders each group).
export const signInScreens = ["login", "loginError", "mfa", "consent", "logout", "logoutDone", "logoutStayed", "accountSignedOut", "error", "oauthError"] as const;
export const accountScreens = ["register", "registerSent", "registerClosed", "verify", "recover", "recoverSent", "reset", "linkExpired", "device", "deviceDone"] as const;
export const accountAreaScreens = [
  "account",
  "accountApps",
  "accountRevoke",
  "accountRevoked",
  "accountSecurity",
  "accountSecurityConfirm",
  "accountAuthenticator",
  "accountSecurityFirstFactor",
  "mfaFirstFactor",
  "mfaFirstFactorNoAddress",
  "mfaEnrol",
  "accountSignOutEverywhere",
] as const;

export const previewScreens = [...signInScreens, ...accountScreens, ...accountAreaScreens] as const;
export type PreviewScreen = (typeof previewScreens)[number];

export function isScreenOf<T extends string>(group: readonly T[], screen: string): screen is T {
  return (group as readonly string[]).includes(screen);
}

const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (one(v) === "" ? undefined : one(v)), schema.optional().catch(undefined));

const schema = z.object({
  screen: optional(z.enum(previewScreens)),
  locale: optional(z.string().refine(isLocale)),
  brand: optional(z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/)),
  client: optional(clientIdParam),
});
export type PreviewQuery = z.infer<typeof schema>;

export function previewQuery(source: URLSearchParams | Record<string, string | string[] | undefined>): PreviewQuery {
  const record = source instanceof URLSearchParams ? Object.fromEntries(source) : source;
  return schema.parse(record);
}
