import { useEffect, useState } from 'react';

/** Props of {@link MeasureInput}. */
export interface MeasureInputProps {
  value: string;
  label: string;
  multiline?: boolean;
  maxLength: number;
  readOnly: boolean;
  testId: string;
  onCommit(value: string): void;
}

/**
 * One editable cell of the action plan. Every keystroke is written to the shared document (so
 * others see it live); while the cell has focus it shows what its own user typed, so a change
 * arriving from elsewhere cannot move the caret under their fingers.
 */
export function MeasureInput({ value, label, multiline, maxLength, readOnly, testId, onCommit }: MeasureInputProps) {
  const [draft, setDraft] = useState(value);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setDraft(value);
  }, [value, focused]);
  const common = {
    className: 'field-input action-plan-input',
    value: focused ? draft : value,
    'aria-label': label,
    maxLength,
    readOnly,
    dir: 'auto',
    'data-testid': testId,
    onFocus: () => {
      setDraft(value);
      setFocused(true);
    },
    onBlur: () => setFocused(false),
  } as const;
  const change = (next: string) => {
    setDraft(next);
    onCommit(next);
  };
  return multiline ? (
    <textarea {...common} rows={2} onChange={(event) => change(event.target.value)} />
  ) : (
    <input {...common} type="text" onChange={(event) => change(event.target.value)} />
  );
}
