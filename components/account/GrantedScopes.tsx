import { ScopeList } from "../ScopeList";
import { isOffline } from "@/lib/scopes/catalogue";
import { scopeCatalogue } from "@/lib/scopes/catalogue-file";
import { describeScopes } from "@/lib/scopes/describe";

/** Granted scopes in the same plain language, catalogue and list as the consent screen.
 * offline_access is not a data item: the page states continuous access separately. */
export function GrantedScopes({ scopes }: { scopes: string[] }) {
  const items = describeScopes(scopes, scopeCatalogue()).filter((item) => !isOffline(item.scope));
  return <ScopeList scopes={items} />;
}
