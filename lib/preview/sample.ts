import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { challenges, type Client } from "@/lib/challenge";
import { clientName } from "@/lib/challenge/client-texts";
import { pickLocalized, readConsentMetadata } from "@/lib/consent/metadata";

/** What every preview screen shows about the app and the person: the chosen client's own
 * texts when one is given, otherwise sample ones. */
export interface PreviewSample {
  challenge: string;
  clientName: string;
  clientVerified: boolean;
  purpose?: { text: string; lang?: string };
  userName: string;
  email: string;
  /** A fixed date keeps the preview (and its screenshots) the same from day to day. */
  date: Date;
  /** Set when a client was asked for and not found. */
  missingClient?: string;
}

export async function previewSample(clientId: string | undefined): Promise<PreviewSample> {
  const [t, locale] = await Promise.all([getTranslations("Preview"), getLocale()]);
  const client: Client | undefined = clientId ? await challenges().getClient(clientId).catch(() => undefined) : undefined;
  const metadata = client && readConsentMetadata(client.metadata).metadata;
  return {
    challenge: "preview",
    clientName: (client && clientName(client, locale)) || t("sample.clientName"),
    clientVerified: metadata ? metadata.verified : true,
    purpose: metadata ? pickLocalized(metadata.consent.purpose, locale) : { text: t("sample.purpose") },
    userName: t("sample.userName"),
    email: t("sample.email"),
    date: new Date("2027-03-31T03:00:00Z"),
    missingClient: clientId && !client ? clientId : undefined,
  };
}
