import { useState } from 'react';
import type { Editor } from 'tldraw';
import type { BoardDetails } from '../api-client.ts';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icon.tsx';
import { ViewMenu } from '../canvas-ui/view-menu.tsx';
import { LanguagePicker } from '../components/language-picker.tsx';
import { onLinkClick } from '../navigation.ts';
import { ACTION_PLAN_PANEL_ID, ACTION_PLAN_TOGGLE_ID } from '../action-plan/action-plan-panel.tsx';
import { BoardOutline } from '../outline/board-outline.tsx';
import { BoardSettingsDialog } from './board-settings-dialog.tsx';
import { ConnectionIndicator } from './connection-indicator.tsx';
import { InviteDialog } from './invite-dialog.tsx';
import type { ConnectionState } from './use-board-connection.ts';

/** Props of {@link BoardHeader}. */
export interface BoardHeaderProps {
  meta: BoardDetails;
  /** The facilitator's token, for minting a new join code and changing the board's settings. */
  token: string;
  connection: ConnectionState;
  /** The canvas's editor once it is up; the outline button appears with it. */
  editor?: Editor | null;
  /** The action plan beside the canvas: whether it shows, and the button that toggles it. */
  actionPlan?: { open: boolean; onToggle(): void };
}

/**
 * The bar above the canvas. It sits outside tldraw's area rather than on top of it, so it can
 * never cover tldraw's menus or the toolbar that fingers need on a tablet.
 */
export function BoardHeader({ meta, token, connection, editor = null, actionPlan }: BoardHeaderProps) {
  const { t } = useTranslation();
  const [inviteOpen, setInviteOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const isFacilitator = meta.you.role === 'facilitator';
  const [invite, setInvite] = useState(() =>
    meta.joinUrl !== undefined && meta.joinCode !== undefined
      ? { joinUrl: meta.joinUrl, joinCode: meta.joinCode }
      : null,
  );
  return (
    <header className="board-header">
      <a href="/" className="board-brand" onClick={onLinkClick('/')}>
        {t('app.name')}
        <span className="visually-hidden"> {t('app.home-link')}</span>
      </a>
      <h1 className="board-title" data-testid="board.title" title={meta.title} dir="auto">
        {meta.title}
      </h1>
      <ConnectionIndicator state={connection} />
      <span className="board-you">
        {t('board.you', { name: meta.you.displayName })}
        {meta.you.role === 'observer' ? <span className="badge">{t('board.role.observer')}</span> : null}
      </span>
      <div className="board-header-end">
        {invite ? (
          <button
            type="button"
            className="button button-primary"
            data-testid="board.invite"
            aria-haspopup="dialog"
            onClick={() => setInviteOpen(true)}
          >
            <Icon name="people" />
            {t('board.invite')}
          </button>
        ) : null}
        {editor ? <BoardOutline editor={editor} /> : null}
        {actionPlan ? (
          <button
            type="button"
            id={ACTION_PLAN_TOGGLE_ID}
            className="button"
            data-testid="action-plan.toggle"
            aria-expanded={actionPlan.open}
            aria-controls={actionPlan.open ? ACTION_PLAN_PANEL_ID : undefined}
            onClick={actionPlan.onToggle}
          >
            <Icon name="agenda" />
            {t('action-plan.toggle')}
          </button>
        ) : null}
        {isFacilitator ? (
          <button
            type="button"
            className="button"
            data-testid="facilitator.settings.open"
            aria-haspopup="dialog"
            onClick={() => setSettingsOpen(true)}
          >
            <Icon name="settings" />
            {t('settings.open')}
          </button>
        ) : null}
        <ViewMenu />
        <LanguagePicker testId="board.language" />
      </div>
      {invite ? (
        <InviteDialog
          boardId={meta.boardId}
          token={token}
          joinUrl={invite.joinUrl}
          joinCode={invite.joinCode}
          open={inviteOpen}
          onClose={() => setInviteOpen(false)}
          onRotated={setInvite}
        />
      ) : null}
      {isFacilitator ? (
        <BoardSettingsDialog
          boardId={meta.boardId}
          token={token}
          createdAt={meta.createdAt}
          retention={{ retentionDays: meta.retentionDays, expiresAt: meta.expiresAt }}
          open={settingsOpen}
          onClose={() => setSettingsOpen(false)}
        />
      ) : null}
    </header>
  );
}
