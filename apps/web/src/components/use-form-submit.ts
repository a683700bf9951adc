import { useState, type FormEvent } from 'react';
import { errorMessageKey } from '../api-client.ts';

/** State of a form that calls the API once per submit. */
export interface FormSubmit {
  busy: boolean;
  /** Translation key of the last failure, if any. */
  errorKey: ReturnType<typeof errorMessageKey> | null;
  submit: (event: FormEvent) => void;
}

/**
 * Runs `action` on submit, ignoring double submits while it runs and turning a failure into a
 * translated message key. On success the action navigates away, so `busy` stays set.
 */
export function useFormSubmit(action: () => Promise<void>): FormSubmit {
  const [busy, setBusy] = useState(false);
  const [errorKey, setErrorKey] = useState<FormSubmit['errorKey']>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrorKey(null);
    action().catch((error: unknown) => {
      setErrorKey(errorMessageKey(error));
      setBusy(false);
    });
  };
  return { busy, errorKey, submit };
}
