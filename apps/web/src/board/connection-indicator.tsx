import { useTranslation } from 'react-i18next';
import type { ConnectionState } from './use-board-connection.ts';

/** Props of {@link ConnectionIndicator}. */
export interface ConnectionIndicatorProps {
  state: ConnectionState;
}

/** A coloured dot plus words (colour alone is not enough) saying whether changes reach others. */
export function ConnectionIndicator({ state }: ConnectionIndicatorProps) {
  const { t } = useTranslation();
  const label =
    state === 'online'
      ? t('board.connection.online')
      : state === 'connecting'
        ? t('board.connection.connecting')
        : t('board.connection.offline');
  return (
    <span className="connection" data-testid="board.connection" data-state={state} role="status" title={label}>
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{label}</span>
    </span>
  );
}
