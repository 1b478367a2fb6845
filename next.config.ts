import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/branding/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native modules must stay outside the server bundle.
  serverExternalPackages: ["libsql", "@node-rs/argon2", "pg", "kysely", "nodemailer", "@simplewebauthn/server", "qrcode"],
};

export default withNextIntl(nextConfig);
