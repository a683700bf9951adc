import type { ReactNode } from 'react';

/** Props of {@link BoardMessage}. */
export interface BoardMessageProps {
  testId?: string;
  /** `alert` for problems the person must act on; `status` for waiting. */
  role?: 'alert' | 'status';
  children: ReactNode;
  actions?: ReactNode;
}

/** A message in place of the canvas: loading, no access, incompatible version. */
export function BoardMessage({ testId, role = 'alert', children, actions }: BoardMessageProps) {
  return (
    <div className="board-message">
      <div className="card board-message-card">
        <p className="board-message-text" role={role} data-testid={testId}>
          {children}
        </p>
        {actions ? <div className="board-message-actions">{actions}</div> : null}
      </div>
    </div>
  );
}
