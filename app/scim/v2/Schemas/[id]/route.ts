import { env } from "@/lib/config/env";
import { userSchema } from "@/lib/scim/discovery";
import { scimError, scimJson } from "@/lib/scim/responses";
import { USER_SCHEMA } from "@/lib/scim/schemas";
import { guarded } from "@/lib/scim/users";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  // Next.js has already decoded the path parameter (a second decode threw on "%25E0").
  const { id } = await params;
  return guarded(request, async () =>
    id === USER_SCHEMA ? scimJson(200, userSchema(env().TOBIRA_PUBLIC_URL)) : scimError(404, `Schema ${JSON.stringify(id)} not found.`),
  );
}
