import type { MemberInfo } from '@talkoot/protocol';
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { actionErrorKey, apiClient } from '../api-client.ts';
import { Icon } from '../components/icon.tsx';
import { ModalDialog } from '../components/modal-dialog.tsx';
import { boardCreatorId } from './board-creator.ts';
import { CoFacilitatorLink } from './co-facilitator-link.tsx';

/** Props of {@link MembersDialog}. */
export interface MembersDialogProps {
  open: boolean;
  onClose(): void;
  boardId: string;
  token: string;
  /** The facilitator looking at the list, who cannot remove themself here. */
  selfMemberId: string;
  /**
   * After a facilitator was removed: the server replaced the co-facilitator link, so the board
   * info (which carries it) is out of date. A rejection is shown as an error.
   */
  onFacilitatorRemoved?(): Promise<void>;
  /** The link that makes whoever opens it a facilitator (only newer servers send it). */
  coFacilitatorUrl?: string | undefined;
  /** After a new co-facilitator link was made here. */
  onCoFacilitatorLinkRotated?(coFacilitatorUrl: string): void;
}

/** How often the list refreshes its online dots while open. */
const REFRESH_MS = 5000;

/**
 * Everyone who joined the board: online or not, renamable and removable by facilitators (all
 * but themselves and the board's creator), and the link that adds another facilitator.
 */
export function MembersDialog({
  open,
  onClose,
  boardId,
  token,
  selfMemberId,
  onFacilitatorRemoved,
  coFacilitatorUrl,
  onCoFacilitatorLinkRotated = () => undefined,
}: MembersDialogProps) {
  const { t } = useTranslation();
  const [members, setMembers] = useState<MemberInfo[] | null>(null);
  const [error, setError] = useState<ReturnType<typeof actionErrorKey> | null>(null);
  const [editing, setEditing] = useState<{ memberId: string; name: string } | null>(null);
  const [removing, setRemoving] = useState<MemberInfo | null>(null);
  // The rename or remove button a small form or question came from, to give focus back to
  // (found again after the render: the rename button is a new element once the form is gone).
  const list = useRef<HTMLUListElement>(null);
  const trigger = useRef<{ memberId: string; testId: string } | null>(null);
  const refocusTrigger = () =>
    requestAnimationFrame(() => {
      const from = trigger.current;
      if (!from) return;
      list.current
        ?.querySelector<HTMLElement>(`[data-member-id="${CSS.escape(from.memberId)}"] [data-testid="${from.testId}"]`)
        ?.focus();
    });
  const cancelRemove = () => {
    setRemoving(null);
    refocusTrigger();
  };
  const cancelRename = () => {
    setEditing(null);
    refocusTrigger();
  };
  /** Escape leaves the question or the rename form, not the whole dialog. */
  const escapeTo = (cancel: () => void) => (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    cancel();
  };

  const refresh = useCallback(async () => {
    try {
      setMembers(await apiClient.listMembers(boardId, token));
    } catch (caught) {
      setError(actionErrorKey(caught));
    }
  }, [boardId, token]);

  useEffect(() => {
    if (!open) return;
    setError(null);
    void refresh();
    const interval = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(interval);
  }, [open, refresh]);

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing || editing.name.trim() === '') return;
    try {
      const updated = await apiClient.renameMember(boardId, token, editing.memberId, editing.name.trim());
      setMembers((list) => list?.map((member) => (member.memberId === updated.memberId ? updated : member)) ?? null);
      setEditing(null);
      setError(null);
      refocusTrigger();
    } catch (caught) {
      setError(actionErrorKey(caught));
    }
  };

  const remove = async (member: MemberInfo) => {
    try {
      await apiClient.removeMember(boardId, token, member.memberId);
      setMembers((list) => list?.filter((other) => other.memberId !== member.memberId) ?? null);
      setError(null);
      if (member.role === 'facilitator') await onFacilitatorRemoved?.();
    } catch (caught) {
      setError(actionErrorKey(caught));
    }
    setRemoving(null);
  };

  const creatorId = members ? boardCreatorId(members) : null;

  const roleLabel = (role: MemberInfo['role']) =>
    role === 'facilitator'
      ? t('facilitator.people.role.facilitator')
      : role === 'observer'
        ? t('board.role.observer')
        : t('facilitator.people.role.participant');

  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      heading={t('facilitator.people.heading')}
      testId="facilitator.people.dialog"
      className="dialog-wide"
    >
      {error ? (
        <p className="form-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      {members === null ? (
        <p role="status">{t('app.loading')}</p>
      ) : (
        <ul className="member-list" ref={list}>
          {members.map((member) => (
            <li
              key={member.memberId}
              className="member-row"
              data-testid="facilitator.people.row"
              data-member-id={member.memberId}
            >
              <span
                className="member-dot"
                data-online={member.online ? 'true' : 'false'}
                title={member.online ? t('facilitator.people.online') : t('facilitator.people.offline')}
              />
              <span className="visually-hidden">
                {member.online ? t('facilitator.people.online') : t('facilitator.people.offline')}
              </span>
              {editing?.memberId === member.memberId ? (
                <form
                  className="member-rename"
                  onSubmit={(event) => void rename(event)}
                  onKeyDown={escapeTo(cancelRename)}
                >
                  <label className="visually-hidden" htmlFor={`rename-${member.memberId}`}>
                    {t('facilitator.people.new-name')}
                  </label>
                  <input
                    id={`rename-${member.memberId}`}
                    className="field-input"
                    data-testid="facilitator.people.rename-input"
                    value={editing.name}
                    maxLength={40}
                    autoFocus
                    onChange={(event) => setEditing({ memberId: member.memberId, name: event.target.value })}
                  />
                  <button type="submit" className="button button-primary" data-testid="facilitator.people.rename-save">
                    <Icon name="check" />
                    {t('facilitator.people.save')}
                  </button>
                  <button type="button" className="button" onClick={cancelRename}>
                    {t('facilitator.cancel')}
                  </button>
                </form>
              ) : (
                <>
                  <span className="member-name">
                    <span dir="auto">{member.displayName}</span>
                    {member.memberId === selfMemberId ? (
                      <span className="badge">{t('facilitator.people.you')}</span>
                    ) : null}
                    {member.memberId === creatorId ? (
                      <span className="badge" data-testid="facilitator.people.creator">
                        {t('facilitator.people.creator')}
                      </span>
                    ) : null}
                  </span>
                  <span className="member-role">{roleLabel(member.role)}</span>
                  <span className="member-actions">
                    <button
                      type="button"
                      className="button button-quiet"
                      data-testid="facilitator.people.rename"
                      aria-label={t('facilitator.people.rename-label', { name: member.displayName })}
                      onClick={() => {
                        trigger.current = { memberId: member.memberId, testId: 'facilitator.people.rename' };
                        setEditing({ memberId: member.memberId, name: member.displayName });
                      }}
                    >
                      <Icon name="edit" />
                      <span aria-hidden="true">{t('facilitator.people.rename')}</span>
                    </button>
                    {member.memberId === selfMemberId || member.memberId === creatorId ? null : (
                      <button
                        type="button"
                        className="button button-quiet button-danger"
                        data-testid="facilitator.people.remove"
                        aria-label={t('facilitator.people.remove-label', { name: member.displayName })}
                        onClick={() => {
                          trigger.current = { memberId: member.memberId, testId: 'facilitator.people.remove' };
                          setRemoving(member);
                        }}
                      >
                        <Icon name="remove" />
                        <span aria-hidden="true">{t('facilitator.people.remove')}</span>
                      </button>
                    )}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {removing ? (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby="confirm-remove-text"
          data-testid="facilitator.people.confirm"
          onKeyDown={escapeTo(cancelRemove)}
        >
          <p id="confirm-remove-text">{t('facilitator.people.remove-confirm', { name: removing.displayName })}</p>
          <div className="dialog-actions">
            <button
              type="button"
              className="button"
              data-testid="facilitator.people.remove-cancel"
              onClick={cancelRemove}
            >
              {t('facilitator.cancel')}
            </button>
            <button
              type="button"
              className="button button-danger-solid"
              data-testid="facilitator.people.remove-confirm"
              autoFocus
              onClick={() => void remove(removing)}
            >
              <Icon name="remove" />
              {t('facilitator.people.remove')}
            </button>
          </div>
        </div>
      ) : null}
      {coFacilitatorUrl ? (
        <CoFacilitatorLink
          boardId={boardId}
          token={token}
          url={coFacilitatorUrl}
          onRotated={onCoFacilitatorLinkRotated}
        />
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={onClose}>
          <Icon name="close" />
          {t('board.invite.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
