import { env } from "@/lib/config/env";
import { resourceTypes } from "@/lib/scim/discovery";
import { scimJson } from "@/lib/scim/responses";
import { guarded } from "@/lib/scim/users";

export async function GET(request: Request) {
  return guarded(request, async () => scimJson(200, resourceTypes(env().TOBIRA_PUBLIC_URL)));
}
