import { describe, expect, it } from "vitest";
import { DEV_ADMIN_TOKEN, DEV_SECRET, insecureDefaults, parseEnv } from "./env";

describe("parseEnv", () => {
  it("fills the documented defaults", () => {
    const env = parseEnv({});
    expect(env.HYDRA_ADMIN_URL).toBe("http://127.0.0.1:4445");
    expect(env.TOBIRA_PUBLIC_URL).toBe("http://localhost:3000");
    expect(env.TOBIRA_DATA_DIR).toBe("./.data");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.TOBIRA_ACR_LEVEL2).toBe("urn:tobira:loa:2");
    expect(env.PORT).toBe(3000);
  });

  it("reads the admin API's bearer token, none by default", () => {
    expect(parseEnv({}).HYDRA_ADMIN_TOKEN).toBeUndefined();
    expect(parseEnv({ HYDRA_ADMIN_TOKEN: "" }).HYDRA_ADMIN_TOKEN).toBeUndefined();
    expect(parseEnv({ HYDRA_ADMIN_TOKEN: "t0ken" }).HYDRA_ADMIN_TOKEN).toBe("t0ken");
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("names the variable in the error", () => {
    expect(() => parseEnv({ HYDRA_ADMIN_URL: "not a url" })).toThrow(/HYDRA_ADMIN_URL/);
    expect(() => parseEnv({ PORT: "99999" })).toThrow(/PORT/);
    expect(() => parseEnv({ TOBIRA_SECRET: "short" })).toThrow(/TOBIRA_SECRET/);
  });

  it("reads the account settings", () => {
    const defaults = parseEnv({});
    expect(defaults.TOBIRA_REGISTRATION).toBe("on");
    expect(defaults.TOBIRA_REGISTRATION_FIELDS).toEqual(["givenName", "familyName"]);
    expect(defaults.SMTP_URL).toBeUndefined();
    expect(parseEnv({ TOBIRA_REGISTRATION_FIELDS: "none" }).TOBIRA_REGISTRATION_FIELDS).toEqual([]);
    expect(parseEnv({ TOBIRA_REGISTRATION_FIELDS: "phoneNumber, birthdate" }).TOBIRA_REGISTRATION_FIELDS).toEqual(["phoneNumber", "birthdate"]);
    expect(() => parseEnv({ TOBIRA_REGISTRATION_FIELDS: "shoeSize" })).toThrow(/TOBIRA_REGISTRATION_FIELDS/);
    expect(() => parseEnv({ SMTP_URL: "http://mail.example.com" })).toThrow(/SMTP_URL/);
    expect(parseEnv({ SMTP_URL: "smtp://user:pw@127.0.0.1:2525" }).SMTP_URL).toBe("smtp://user:pw@127.0.0.1:2525");
  });

  it("validates the second-factor policy settings", () => {
    const env = parseEnv({ TOBIRA_TRUSTED_NETWORKS: "10.0.0.0/8", TOBIRA_PROXY_HOPS: "1" });
    expect(env.TOBIRA_MFA_REQUIRED).toBe(false);
    expect(parseEnv({ TOBIRA_MFA_REQUIRED: "true" }).TOBIRA_MFA_REQUIRED).toBe(true);
    expect(() => parseEnv({ TOBIRA_TRUSTED_NETWORKS: "office", TOBIRA_PROXY_HOPS: "1" })).toThrow(/TOBIRA_TRUSTED_NETWORKS/);
    expect(() => parseEnv({ TOBIRA_TRUSTED_NETWORKS: "10.0.0.0/8" })).toThrow(/TOBIRA_PROXY_HOPS/);
  });

  it("refuses the development secrets and console mail in production", () => {
    const production = { NODE_ENV: "production", TOBIRA_SECRET: "s".repeat(40), TOBIRA_ADMIN_TOKEN: "t".repeat(30), SMTP_URL: "smtp://127.0.0.1:25" };
    expect(parseEnv(production).NODE_ENV).toBe("production");
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/TOBIRA_SECRET[\s\S]*TOBIRA_ADMIN_TOKEN[\s\S]*SMTP_URL/);
    expect(() => parseEnv({ ...production, TOBIRA_SECRET: undefined })).toThrow(/TOBIRA_SECRET: must be set in production/);
    expect(() => parseEnv({ ...production, TOBIRA_ADMIN_TOKEN: DEV_ADMIN_TOKEN })).toThrow(/TOBIRA_ADMIN_TOKEN: must be set in production/);
    expect(() => parseEnv({ ...production, TOBIRA_ADMIN_TOKEN: "t".repeat(20) })).toThrow(/TOBIRA_ADMIN_TOKEN: must be at least 24/);
    expect(() => parseEnv({ ...production, SMTP_URL: undefined })).toThrow(/SMTP_URL: must be set in production/);
    expect(parseEnv({ ...production, SMTP_URL: undefined, TOBIRA_MAIL_CONSOLE: "on" }).SMTP_URL).toBeUndefined();
  });

  it("reads the previous secrets like TOBIRA_SECRET, with the same production rules", () => {
    const [current, old, older] = ["c".repeat(40), "o".repeat(40), "p".repeat(32)];
    expect(parseEnv({}).TOBIRA_SECRET_PREVIOUS).toEqual([]);
    expect(parseEnv({ TOBIRA_SECRET: current, TOBIRA_SECRET_PREVIOUS: "" }).TOBIRA_SECRET_PREVIOUS).toEqual([]);
    expect(parseEnv({ TOBIRA_SECRET: current, TOBIRA_SECRET_PREVIOUS: `${old}, ${older}` }).TOBIRA_SECRET_PREVIOUS).toEqual([old, older]);
    expect(() => parseEnv({ TOBIRA_SECRET: current, TOBIRA_SECRET_PREVIOUS: `${old},short` })).toThrow(/TOBIRA_SECRET_PREVIOUS[\s\S]*at least 32/);
    expect(() => parseEnv({ TOBIRA_SECRET: current, TOBIRA_SECRET_PREVIOUS: current })).toThrow(/TOBIRA_SECRET_PREVIOUS: must not repeat TOBIRA_SECRET/);
    const production = { NODE_ENV: "production", TOBIRA_SECRET: current, TOBIRA_ADMIN_TOKEN: "t".repeat(30), SMTP_URL: "smtp://127.0.0.1:25" };
    expect(parseEnv({ ...production, TOBIRA_SECRET_PREVIOUS: old }).TOBIRA_SECRET_PREVIOUS).toEqual([old]);
    expect(() => parseEnv({ ...production, TOBIRA_SECRET_PREVIOUS: `${old},${DEV_SECRET}` })).toThrow(/TOBIRA_SECRET_PREVIOUS: must not hold the public development secret/);
    // Development may still rotate away from the development secret.
    expect(parseEnv({ TOBIRA_SECRET: current, TOBIRA_SECRET_PREVIOUS: DEV_SECRET }).TOBIRA_SECRET_PREVIOUS).toEqual([DEV_SECRET]);
  });

  it("reports development defaults", () => {
    expect(insecureDefaults(parseEnv({}))).toEqual(["TOBIRA_SECRET", "TOBIRA_ADMIN_TOKEN"]);
    expect(insecureDefaults(parseEnv({ TOBIRA_ADMIN_TOKEN: `${DEV_ADMIN_TOKEN}-x`, TOBIRA_SECRET: "x".repeat(40) }))).toEqual([]);
  });
});
