import { createFormatter } from "next-intl";
import { describe, expect, it } from "vitest";
import { formats } from "./format";

describe("formats", () => {
  const at = new Date("2025-04-01T00:30:00Z");
  const formatter = (locale: string) => createFormatter({ locale: locale as "ja", timeZone: "Asia/Tokyo", formats });

  it("writes dates and times the way each locale reads them", () => {
    expect(formatter("ja").dateTime(at, "long")).toBe("2025年4月1日 9:30");
    expect(formatter("en").dateTime(at, "long")).toMatch(/^April 1, 2025 at 9:30\sAM$/);
    expect(formatter("ar").dateTime(at, "long")).toMatch(/أبريل/);
  });

  it("writes numbers with the locale's grouping, rounded by the named format", () => {
    expect(formatter("ja").number(12345.6, "count")).toBe("12,346");
    expect(formatter("en").number(12345.6, "count")).toBe("12,346");
    expect(formatter("ar").number(12345.6, "count")).toBe(new Intl.NumberFormat("ar", { maximumFractionDigits: 0 }).format(12345.6));
  });
});
