"use client";

import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";

// A form that posts to a server action and, with JavaScript, checks itself first (the
// registration and new-password forms; their schemas are the ones the server parses with):
// 1. without JavaScript nothing here runs: the browser's own checks (required, type=email) apply,
//    the form posts, and the server's answer is the page, as it always was;
// 2. with JavaScript the browser's checks give way (noValidate) to react-hook-form running the
//    form's zod schema on submit: each problem shows at its field, the first invalid field gets
//    focus, and nothing is sent; after that first attempt each field is checked again as it
//    changes;
// 3. a form that passes is submitted again, natively, with the same button (requestSubmit), so
//    React posts it to the action exactly as before: the button shows progress (useFormStatus)
//    and Enter still submits the primary action (FormActions.tsx);
// 4. the server stays the authority: when its answer comes, the fields take what it kept (React
//    resets the form to them, and so is react-hook-form here), and its error shows until the
//    person submits again.

const noChange = () => () => {};

/** False on the server and while hydrating, true once the page runs (one render, no mismatch). */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noChange,
    () => true,
    () => false,
  );
}

export function useCheckedSubmit<Values extends FieldValues, State>(
  form: UseFormReturn<Values>,
  state: State,
  /** The values the form holds after the server's answer, or undefined to leave them. A function
   * declared outside the component (it is an effect's dependency). */
  valuesAfter: (state: State) => Values | undefined,
) {
  const hydrated = useHydrated();
  const checked = useRef(false);
  const { handleSubmit, reset } = form;
  /** The server's answer that the person has tried to submit past: its error no longer shows. */
  const [submittedPast, setSubmittedPast] = useState<State | undefined>(undefined);

  useEffect(() => {
    const values = valuesAfter(state);
    if (values) reset(values);
  }, [state, reset, valuesAfter]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // The second, native submission of a form that passed: React posts it to the action.
    if (checked.current) return;
    event.preventDefault();
    const element = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    setSubmittedPast(state);
    void handleSubmit(() => {
      // In a task of its own: the check can finish in a microtask while this submit event is
      // still being dispatched, and a form ignores requestSubmit() during its own submission.
      setTimeout(() => {
        checked.current = true;
        try {
          element.requestSubmit(submitter);
        } finally {
          checked.current = false;
        }
      });
    })();
  }

  return { noValidate: hydrated, onSubmit, serverAnswerShown: submittedPast !== state };
}
