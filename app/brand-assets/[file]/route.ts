import fs from "node:fs/promises";
import path from "node:path";
import { assetsDirectory } from "@/lib/branding";
import { ASSET_CSP } from "@/lib/branding/headers";
import { assetName } from "@/lib/branding/schema";

const TYPES: Record<string, string> = { ".svg": "image/svg+xml", ".png": "image/png", ".webp": "image/webp" };

/** Brand images from branding/assets/, served safely: names only (no paths), three image types,
 * and an SVG opened on its own can run nothing (sandboxed, no scripts, nosniff). */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const name = assetName.safeParse(file);
  if (!name.success) return new Response(null, { status: 404 });
  let body: Buffer;
  try {
    body = await fs.readFile(path.join(assetsDirectory(), name.data));
  } catch {
    return new Response(null, { status: 404 });
  }
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": TYPES[path.extname(name.data)] ?? "application/octet-stream",
      "Content-Security-Policy": ASSET_CSP,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "public, max-age=300",
    },
  });
}
