import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native modules must stay outside the server bundle.
  serverExternalPackages: ["libsql", "@node-rs/argon2", "pg", "kysely", "nodemailer"],
};

export default withNextIntl(nextConfig);
