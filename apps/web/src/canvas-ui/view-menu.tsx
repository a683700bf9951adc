import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from 'tldraw';
import { Icon } from '../components/icon.tsx';
import { prefersReducedMotion, setViewPreferences, useViewPreferences } from './view-preferences.ts';

/**
 * Applies this device's view to the editor: tldraw's dark mode for high contrast, no camera or
 * UI animations in calm view or when the system asks for less motion.
 */
export function useViewOnEditor(editor: Editor | null): void {
  const { calm, contrast } = useViewPreferences();
  useEffect(() => {
    if (!editor) return;
    editor.user.updateUserPreferences({
      colorScheme: contrast ? 'dark' : 'light',
      animationSpeed: calm || prefersReducedMotion() ? 0 : 1,
    });
  }, [editor, calm, contrast]);
}

/** "View": the calm view and high-contrast switches, for anyone; remembered on this device. */
export function ViewMenu() {
  const { t } = useTranslation();
  const { calm, contrast } = useViewPreferences();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const closeIfOutside = (event: PointerEvent) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeIfOutside);
    return () => document.removeEventListener('pointerdown', closeIfOutside);
  }, [open]);

  return (
    <div
      className="view-menu"
      ref={root}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
        toggle.current?.focus();
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="view.open"
        onClick={() => setOpen((value) => !value)}
      >
        <Icon name="focus" />
        {t('view.button')}
      </button>
      {open ? (
        <div id={panelId} className="popover view-popover" role="group" aria-label={t('view.button')}>
          <label className="view-switch">
            <input
              type="checkbox"
              role="switch"
              data-testid="view.calm"
              checked={calm}
              onChange={(event) => setViewPreferences({ calm: event.target.checked })}
            />
            <span>
              <span className="view-switch-label">{t('view.calm')}</span>
              <span className="view-switch-hint">{t('view.calm-hint')}</span>
            </span>
          </label>
          <label className="view-switch">
            <input
              type="checkbox"
              role="switch"
              data-testid="view.contrast"
              checked={contrast}
              onChange={(event) => setViewPreferences({ contrast: event.target.checked })}
            />
            <span>
              <span className="view-switch-label">{t('view.contrast')}</span>
              <span className="view-switch-hint">{t('view.contrast-hint')}</span>
            </span>
          </label>
        </div>
      ) : null}
    </div>
  );
}
