import type { Locale } from "./routing";
import type { Messages } from "./messages";

// Types next-intl's APIs: an unknown message key or locale is a compile error.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
