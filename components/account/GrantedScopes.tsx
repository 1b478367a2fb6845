import { ScopeList } from "../ScopeList";
import { isOffline } from "@/lib/consent/catalogue";
import { scopeCatalogue } from "@/lib/consent/catalogue-file";
import { describeScopes } from "@/lib/consent/scopes";

/** Granted scopes in the same plain language, catalogue and list as the consent screen.
 * offline_access is not a data item: the page states continuous access separately. */
export function GrantedScopes({ scopes }: { scopes: string[] }) {
  const items = describeScopes(scopes, scopeCatalogue()).filter((item) => !isOffline(item.scope));
  return <ScopeList scopes={items} />;
}
