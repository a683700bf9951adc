import { bindTextField, findMeasureText, type MeasureTextField, measureText, setText } from '@talkoot/action-plan';
import { type CSSProperties, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { CellVisitor } from './use-plan-presence.ts';
import './measure-input.css';

/** Props of {@link MeasureInput}. */
export interface MeasureInputProps {
  doc: Y.Doc | null;
  measureId: string;
  field: MeasureTextField;
  /** The cell's text as the plan reads it (shown until the cell has a Y.Text to bind). */
  value: string;
  label: string;
  multiline?: boolean;
  maxLength: number;
  readOnly: boolean;
  testId: string;
  /** Other people whose focus is in this cell. */
  visitors: readonly CellVisitor[];
  /** Says which cell this person's focus is in (null when it leaves). */
  onPresence(cell: { measure: string; field: MeasureTextField } | null): void;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * One editable cell of the action plan, bound to the cell's Y.Text: each keystroke writes only
 * what changed, others' typing shows at once (also in the cell that has focus) and moves this
 * person's caret along, so two people typing in one cell both keep their words. Shows who else
 * is in the cell, in their colour.
 */
export function MeasureInput(props: MeasureInputProps) {
  const { doc, measureId, field, value, label, multiline, maxLength, readOnly, testId, visitors, onPresence } = props;
  const { t, i18n } = useTranslation();
  const ref = useRef<Field | null>(null);
  const binding = useRef<ReturnType<typeof bindTextField> | null>(null);
  const visitorsId = useId();
  // Read on every render: the panel re-renders whenever the plan changes, also when a Y.Text appears.
  const text = doc ? findMeasureText(doc, measureId, field) : null;
  // Uncontrolled: the binding sets the value (React would reset the caret on every change).
  const [initial] = useState(() => (text ? text.toString() : value));

  useEffect(() => {
    const element = ref.current;
    if (!element || !text) return;
    const bound = bindTextField(text, element, { maxLength, focused: document.activeElement === element });
    binding.current = bound;
    return () => {
      bound.dispose();
      if (binding.current === bound) binding.current = null;
    };
  }, [text, maxLength]);

  // A cell without a Y.Text (an older board the server has not migrated yet) shows the plan's value.
  useEffect(() => {
    const element = ref.current;
    if (element && !text && document.activeElement !== element && element.value !== value) element.value = value;
  }, [text, value]);

  const onInput = () => {
    const element = ref.current;
    if (!element || readOnly || !doc) return;
    if (binding.current) {
      binding.current.input();
      return;
    }
    const made = measureText(doc, measureId, field);
    if (made) setText(made, element.value.slice(0, maxLength), element.selectionEnd ?? undefined);
  };
  const common = {
    ref: (element: Field | null) => {
      ref.current = element;
    },
    className: `field-input action-plan-input${visitors.length > 0 ? ' measure-input-shared' : ''}`,
    defaultValue: initial,
    'aria-label': label,
    // Screen readers say who else is writing in the cell, after its name.
    'aria-describedby': visitors.length > 0 ? visitorsId : undefined,
    maxLength,
    readOnly,
    dir: 'auto',
    'data-testid': testId,
    style: visitors.length > 0 ? ({ '--visitor-color': visitors[0]!.color } as CSSProperties) : undefined,
    onInput,
    onCompositionStart: () => binding.current?.compositionStart(),
    onCompositionEnd: () => binding.current?.compositionEnd(),
    onFocus: () => {
      binding.current?.setFocused(true);
      if (!readOnly) onPresence({ measure: measureId, field });
    },
    onBlur: () => {
      binding.current?.setFocused(false);
      onPresence(null);
    },
  } as const;
  const names = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(visitors.map((v) => v.name));
  return (
    <div className="measure-input">
      {visitors.length > 0 ? (
        <p id={visitorsId} className="measure-input-visitors" data-testid="action-plan.cell-presence" dir="auto">
          {visitors.map((visitor) => (
            <span
              key={visitor.clientId}
              className="measure-input-dot"
              aria-hidden="true"
              style={{ '--visitor-color': visitor.color } as CSSProperties}
            />
          ))}
          {t('action-plan.also-here', { names })}
        </p>
      ) : null}
      {multiline ? <textarea {...common} rows={2} /> : <input {...common} type="text" />}
    </div>
  );
}
