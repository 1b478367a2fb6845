import { guarded, users } from "@/lib/scim/users";

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params) {
  const { id } = await params;
  return guarded(request, async () => (await users()).get(id));
}

export async function PUT(request: Request, { params }: Params) {
  const { id } = await params;
  return guarded(request, async () => (await users()).replace(id, request));
}

export async function PATCH(request: Request, { params }: Params) {
  const { id } = await params;
  return guarded(request, async () => (await users()).patch(id, request));
}

export async function DELETE(request: Request, { params }: Params) {
  const { id } = await params;
  return guarded(request, async () => (await users()).remove(id));
}
