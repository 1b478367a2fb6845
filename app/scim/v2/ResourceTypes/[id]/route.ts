import { env } from "@/lib/config/env";
import { userResourceType } from "@/lib/scim/discovery";
import { scimError, scimJson } from "@/lib/scim/responses";
import { guarded } from "@/lib/scim/users";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return guarded(request, async () =>
    id === "User" ? scimJson(200, userResourceType(env().TOBIRA_PUBLIC_URL)) : scimError(404, `Resource type ${JSON.stringify(id)} not found.`),
  );
}
