import { useEffect, useId, useRef, type ReactNode } from 'react';

/** Props of {@link ModalDialog}. */
export interface ModalDialogProps {
  open: boolean;
  onClose(): void;
  heading: string;
  intro?: string;
  testId?: string;
  className?: string;
  children: ReactNode;
}

/**
 * A modal `<dialog>` with a heading: focus stays inside (the rest of the page is inert), Escape
 * closes it, and focus goes back to the control that opened it.
 */
export function ModalDialog({ open, onClose, heading, intro, testId, className, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const headingId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);
  const closed = () => {
    // Browsers restore focus on close themselves, but not when the opener was re-rendered or
    // hidden meanwhile (the focus then falls to <body>, the top of the page).
    const back = opener.current;
    opener.current = null;
    if (back?.isConnected && (document.activeElement === null || document.activeElement === document.body)) {
      back.focus();
    }
    onClose();
  };
  return (
    <dialog
      ref={dialog}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={headingId}
      data-testid={testId}
      onClose={closed}
    >
      <h2 id={headingId} className="dialog-heading">
        {heading}
      </h2>
      {intro ? <p className="dialog-intro">{intro}</p> : null}
      {open ? children : null}
    </dialog>
  );
}
