import { ScopeList } from "../ScopeList";
import { describeScopes } from "@/lib/consent/scopes";

/** The one place the account area turns granted scopes into plain language: the same texts and
 * list as the consent screen, so switching both to the scope catalogue is one change. */
export function GrantedScopes({ scopes }: { scopes: string[] }) {
  return <ScopeList scopes={describeScopes(scopes)} />;
}
