import type { Formats } from "next-intl";

// Named date, time and number formats, applied in the request's locale by next-intl's
// formatter (getFormatter / useFormatter): `format.dateTime(date, "long")` reads
// "2025年4月1日 9:30" in ja, "April 1, 2025 at 9:30 AM" in en and Arabic script in ar.
export const formats = {
  dateTime: {
    short: { dateStyle: "medium" },
    long: { dateStyle: "long", timeStyle: "short" },
  },
  number: {
    count: { maximumFractionDigits: 0 },
  },
} satisfies Formats;
