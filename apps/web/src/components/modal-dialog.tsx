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

/** A modal `<dialog>` with a heading: focus stays inside and Escape closes it. */
export function ModalDialog({ open, onClose, heading, intro, testId, className, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    else if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={headingId}
      data-testid={testId}
      onClose={onClose}
    >
      <h2 id={headingId} className="dialog-heading">
        {heading}
      </h2>
      {intro ? <p className="dialog-intro">{intro}</p> : null}
      {open ? children : null}
    </dialog>
  );
}
