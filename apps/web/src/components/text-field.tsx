import { useId, type InputHTMLAttributes } from 'react';

/** Props of {@link TextField}: a labelled input with an optional hint below the label. */
export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'> {
  label: string;
  hint?: string;
  value: string;
  onValueChange(value: string): void;
  testId: string;
}

/** A text input with a visible label, big enough for fingers. */
export function TextField({ label, hint, value, onValueChange, testId, ...inputProps }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input
        {...inputProps}
        id={id}
        className="field-input"
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-describedby={hint ? hintId : undefined}
        data-testid={testId}
      />
    </div>
  );
}
