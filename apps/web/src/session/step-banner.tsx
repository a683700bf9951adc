import type { AgendaStep } from '@talkoot/protocol';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icon.tsx';
import { localizeAgendaStep, useTemplateTextReader } from '../template-text/template-text-reader.ts';

/** Props of {@link StepBanner}. */
export interface StepBannerProps {
  step: AgendaStep | null;
  /** Position in the agenda, 1-based, and its length, for "Step 2 of 5". */
  position: number;
  total: number;
}

const isNarrow = () => typeof window !== 'undefined' && window.matchMedia('(max-width: 720px)').matches;

/**
 * The current agenda step for everyone: its title, and its instructions, which fold away on
 * phones (and whenever someone wants the room) so the canvas stays usable.
 */
export function StepBanner({ step: stored, position, total }: StepBannerProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => !isNarrow());
  const instructionsId = useId();
  const reader = useTemplateTextReader();
  if (!stored) return null;
  const step = localizeAgendaStep(stored, reader);
  const hasInstructions = step.instructions.trim() !== '';
  return (
    <section className="step-banner" aria-label={t('session.step.label')}>
      <div className="step-banner-head">
        <span className="step-banner-position">{t('session.step.position', { position, total })}</span>
        <h2 className="step-banner-title" data-testid="session.step-title" dir="auto">
          {step.title}
        </h2>
        {hasInstructions ? (
          <button
            type="button"
            className="button button-quiet"
            aria-expanded={open}
            aria-controls={instructionsId}
            onClick={() => setOpen((value) => !value)}
          >
            <Icon name={open ? 'up' : 'down'} />
            {open ? t('session.step.hide-instructions') : t('session.step.show-instructions')}
          </button>
        ) : null}
      </div>
      {hasInstructions ? (
        // On a low window the text scrolls within two lines: reachable (and scrollable) by keyboard.
        <p
          id={instructionsId}
          className="step-banner-instructions"
          data-testid="session.step-instructions"
          dir="auto"
          hidden={!open}
          tabIndex={0}
        >
          {step.instructions}
        </p>
      ) : null}
    </section>
  );
}
