import {
  addMeasure,
  MEASURE_LIMITS,
  MEASURE_STATUSES,
  type Measure,
  type MeasurePatch,
  type MeasureTextField,
  moveMeasure,
  removeMeasure,
  updateMeasure,
} from '@talkoot/action-plan';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { Icon } from '../components/icon.tsx';
import { showNoteOnCanvas } from '../voting/ranking-panel.tsx';
import { evidencePlace, evidenceVotes } from './evidence-label.ts';
import { MeasureInput } from './measure-input.tsx';
import { useActionPlan } from './use-action-plan.ts';
import { type CellVisitor, cellKey, usePlanPresence } from './use-plan-presence.ts';
import './action-plan.css';

/** Id of the panel, for the button that opens it (`aria-controls`). */
export const ACTION_PLAN_PANEL_ID = 'action-plan-panel';
/** Id of the header button that opens the panel, which gets focus back when the panel closes. */
export const ACTION_PLAN_TOGGLE_ID = 'action-plan-toggle';

/** Props of {@link ActionPlanPanel}. */
export interface ActionPlanPanelProps {
  doc: Y.Doc | null;
  /** The board's awareness, through which the panel shows who is in which cell. */
  awareness: Awareness | null;
  editor: Editor | null;
  boardId: string;
  /** Observers read the plan; everyone else edits it. */
  readOnly: boolean;
  onClose(): void;
}

type TextField = MeasureTextField;
const NO_VISITORS: readonly CellVisitor[] = [];
const TEXT_FIELDS: readonly { field: TextField; multiline?: boolean; max: number }[] = [
  { field: 'title', multiline: true, max: MEASURE_LIMITS.title },
  { field: 'need', multiline: true, max: MEASURE_LIMITS.need },
  { field: 'responsible', max: MEASURE_LIMITS.responsible },
  { field: 'partners', max: MEASURE_LIMITS.partners },
  { field: 'resources', max: MEASURE_LIMITS.resources },
  { field: 'start', max: MEASURE_LIMITS.period },
  { field: 'end', max: MEASURE_LIMITS.period },
  { field: 'indicators', multiline: true, max: MEASURE_LIMITS.indicators },
];

/**
 * The action plan beside the canvas: one card per measure (what, which need, who is
 * responsible, partners, resources, when, indicators, status) and the notes and dots it came
 * from. It lives in the board's shared document, so everyone edits it live, by touch or
 * keyboard. Cards, not a wide table: the fields wrap within the column beside the canvas, so
 * nobody scrolls sideways on a laptop; a numbered list of headed cards with labelled fields, so
 * it reads well with a screen reader and mirrors in right-to-left languages.
 */
export function ActionPlanPanel({ doc, awareness, editor, boardId, readOnly, onClose }: ActionPlanPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const plan = useActionPlan(doc);
  const presence = usePlanPresence(awareness);
  const [removing, setRemoving] = useState<string | null>(null);

  const patch = (id: string, change: MeasurePatch) => {
    if (doc && !readOnly) updateMeasure(doc, id, change);
  };
  const add = () => {
    if (!doc || readOnly) return;
    const last = plan.at(-1);
    addMeasure(doc, { order: (last?.order ?? 0) + 1 });
  };
  const columnLabel = (field: TextField | 'status') => t(`action-plan.column.${field}`);
  const rowName = (m: Measure, i: number) => m.title.trim() || t('action-plan.untitled', { number: i + 1 });
  const close = () => {
    onClose();
    // The close button goes away with the panel; focus would fall to the top of the page.
    requestAnimationFrame(() => document.getElementById(ACTION_PLAN_TOGGLE_ID)?.focus());
  };

  return (
    <aside
      id={ACTION_PLAN_PANEL_ID}
      className="action-plan-panel"
      aria-labelledby={headingId}
      data-testid="action-plan.panel"
    >
      <div className="action-plan-top">
        <h2 id={headingId} className="action-plan-heading">
          <Icon name="agenda" />
          {t('action-plan.heading')}
        </h2>
        <button type="button" className="button button-quiet" onClick={close} data-testid="action-plan.close">
          <Icon name="close" />
          {t('action-plan.close')}
        </button>
      </div>
      <p className="action-plan-intro">{t('action-plan.intro')}</p>
      {plan.length === 0 ? (
        <p data-testid="action-plan.empty">{t('action-plan.empty')}</p>
      ) : (
        <ol className="action-plan-list" aria-labelledby={headingId}>
          {plan.map((measure, index) => {
            const name = rowName(measure, index);
            const votes = evidenceVotes(measure.evidence);
            return (
              <li
                key={measure.id}
                className="action-plan-card"
                data-testid="action-plan.row"
                data-measure-id={measure.id}
              >
                <div className="action-plan-card-top">
                  <h3 className="action-plan-card-heading" dir="auto">
                    <span className="action-plan-number">{index + 1}.</span> {name}
                  </h3>
                  {votes > 0 ? (
                    <span className="badge" data-testid="action-plan.votes">
                      {t('action-plan.votes', { votes })}
                    </span>
                  ) : null}
                </div>
                <div className="action-plan-fields">
                  {TEXT_FIELDS.map(({ field, multiline, max }) => (
                    <div key={field} className={`action-plan-field action-plan-field-${field}`}>
                      <span className="action-plan-field-label" aria-hidden="true">
                        {columnLabel(field)}
                      </span>
                      <MeasureInput
                        doc={doc}
                        measureId={measure.id}
                        field={field}
                        value={measure[field]}
                        label={t('action-plan.cell', { column: columnLabel(field), measure: name })}
                        multiline={multiline ?? false}
                        maxLength={max}
                        readOnly={readOnly}
                        testId={`action-plan.${field}`}
                        visitors={presence.visitors.get(cellKey(measure.id, field)) ?? NO_VISITORS}
                        onPresence={presence.enter}
                      />
                    </div>
                  ))}
                  <div className="action-plan-field action-plan-field-status">
                    <span className="action-plan-field-label" aria-hidden="true">
                      {columnLabel('status')}
                    </span>
                    <select
                      className="field-input action-plan-input"
                      aria-label={t('action-plan.cell', { column: columnLabel('status'), measure: name })}
                      value={measure.status}
                      disabled={readOnly}
                      data-testid="action-plan.status"
                      onChange={(event) => {
                        const status = MEASURE_STATUSES.find((s) => s === event.target.value);
                        if (status) patch(measure.id, { status });
                      }}
                    >
                      {MEASURE_STATUSES.map((status) => (
                        <option key={status} value={status}>
                          {t(`action-plan.status.${status}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
                {measure.evidence.length > 0 ? (
                  <div className="action-plan-evidence">
                    <p className="action-plan-field-label">{t('action-plan.column.evidence')}</p>
                    <ul>
                      {measure.evidence.map((e) => (
                        <li key={`${e.boardId}/${e.shapeId}`}>
                          {editor && e.boardId === boardId ? (
                            <button
                              type="button"
                              className="link-button"
                              dir="auto"
                              onClick={() => showNoteOnCanvas(editor, e.shapeId)}
                            >
                              {e.text || t('action-plan.evidence.note')}
                            </button>
                          ) : (
                            <span dir="auto">{e.text || t('action-plan.evidence.note')}</span>
                          )}
                          {evidencePlace(e) ? (
                            <span className="action-plan-place" dir="auto">
                              {' '}
                              ({evidencePlace(e)})
                            </span>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                {readOnly ? null : (
                  <div className="action-plan-actions" role="group" aria-label={t('action-plan.column.actions')}>
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-label={t('action-plan.move-up', { measure: name })}
                      disabled={index === 0}
                      onClick={() => doc && moveMeasure(doc, measure.id, index - 1)}
                    >
                      <Icon name="up" />
                    </button>
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-label={t('action-plan.move-down', { measure: name })}
                      disabled={index === plan.length - 1}
                      onClick={() => doc && moveMeasure(doc, measure.id, index + 1)}
                    >
                      <Icon name="down" />
                    </button>
                    {removing === measure.id ? (
                      <button
                        type="button"
                        className="button button-danger"
                        data-testid="action-plan.remove-confirm"
                        onClick={() => {
                          if (doc) removeMeasure(doc, measure.id);
                          setRemoving(null);
                        }}
                      >
                        <Icon name="remove" />
                        {t('action-plan.remove-confirm')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="button button-quiet"
                        aria-label={t('action-plan.remove', { measure: name })}
                        data-testid="action-plan.remove"
                        onClick={() => setRemoving(measure.id)}
                      >
                        <Icon name="remove" />
                      </button>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {readOnly ? null : (
        <button type="button" className="button" onClick={add} data-testid="action-plan.add">
          <Icon name="plus" />
          {t('action-plan.add')}
        </button>
      )}
    </aside>
  );
}
