/** What a form turned into once it did its job (mail sent, address confirmed, password changed):
 * announced as a status, with its own page heading. */
export function OutcomePanel({ title, body }: { title: string; body: string }) {
  return (
    <div role="status">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="mt-4">{body}</p>
    </div>
  );
}
