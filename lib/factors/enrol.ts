import "server-only";
import QRCode from "qrcode";
import { z } from "zod";
import { nowSeconds } from "@/common/db/connect";
import { openState, sealState } from "@/common/seal";
import { secretRing } from "@/lib/config/env";
import { base32Decode, base32Encode } from "./base32";
import { factorStore } from "./index";
import { formatKey, matchTotp, newTotpKey, otpauthUri } from "./totp";

// Adding an authenticator app: a new key is shown (QR code rendered here as an SVG data URL, and
// as text) and travels in a sealed hidden field until a first code from the app confirms it. Only
// then is it stored, so abandoned enrolments leave nothing behind.

const PURPOSE = "totp-enrolment";
const TTL_SECONDS = 15 * 60;
const payload = z.object({ accountId: z.string(), key: z.string() });

export interface TotpEnrolment {
  /** The key in groups of four, for typing into an app. */
  keyText: string;
  qrDataUrl: string;
  /** Sealed, for the form's hidden `enrolment` field. */
  token: string;
}

export async function startTotpEnrolment(accountId: string, issuer: string, accountName: string): Promise<TotpEnrolment> {
  const key = newTotpKey();
  return {
    ...(await showTotpKey(key, issuer, accountName)),
    token: sealState(secretRing(), PURPOSE, { accountId, key: base32Encode(key) }, TTL_SECONDS),
  };
}

/** What the person sees of a key: the QR code and the text to type. The operator preview shows a
 * fixed sample key through this too, so its screenshots stay the same from run to run. */
export async function showTotpKey(key: Uint8Array, issuer: string, accountName: string): Promise<Omit<TotpEnrolment, "token">> {
  const svg = await QRCode.toString(otpauthUri(key, issuer, accountName), { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { keyText: formatKey(key), qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

export type ConfirmTotp = { ok: true; codes: string[] } | { ok: false; error: "expired" | "wrongCode" };

/** Stores the key when the code matches it (the step the code used is spent), with new recovery
 * codes when the account needs them (Factors.enrol): `codes`, to show once. */
export async function confirmTotpEnrolment(accountId: string, token: string, code: string, name: string): Promise<ConfirmTotp> {
  const parsed = payload.safeParse(openState(secretRing(), PURPOSE, token));
  if (!parsed.success || parsed.data.accountId !== accountId) return { ok: false, error: "expired" };
  const key = base32Decode(parsed.data.key);
  const step = key && matchTotp(key, code, nowSeconds());
  if (!key || typeof step !== "number") return { ok: false, error: "wrongCode" };
  const codes = await (await factorStore()).enrol(accountId, { kind: "totp", name, key, usedStep: step });
  return { ok: true, codes };
}
