/** The form's error summary: announced on appearance, each message linking to its field. */
export function ErrorSummary({ title, message, fieldId }: { title: string; message: string; fieldId?: string }) {
  return (
    <div role="alert" aria-labelledby="error-summary-title" className="mb-6 rounded-brand border-2 border-danger bg-danger-soft p-4">
      <h2 id="error-summary-title" className="font-semibold text-danger">
        {title}
      </h2>
      <p className="mt-1 text-ink">{fieldId ? <a href={`#${fieldId}`} className="text-danger underline">{message}</a> : message}</p>
    </div>
  );
}
