import type { MemberInfo } from '@talkoot/protocol';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionErrorKey, apiClient } from '../api-client.ts';
import { Icon } from '../components/icon.tsx';
import { usePrivateDoc } from './use-private-doc.ts';
import './private.css';

/** Props of {@link PrivateOverview}. */
export interface PrivateOverviewProps {
  boardId: string;
  token: string;
}

/** How often the member list refreshes, so people who join during private writing appear. */
const REFRESH_MS = 5000;

/**
 * The facilitator's view of everyone's private notes while private writing is on: read-only
 * connections to each member's private doc (the server takes back anything a facilitator writes).
 */
export function PrivateOverview({ boardId, token }: PrivateOverviewProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [members, setMembers] = useState<MemberInfo[] | null>(null);
  const [error, setError] = useState<ReturnType<typeof actionErrorKey> | null>(null);

  useEffect(() => {
    let active = true;
    const refresh = async () => {
      try {
        const list = await apiClient.listMembers(boardId, token);
        if (active) {
          setMembers(list.filter((member) => member.role !== 'observer'));
          setError(null);
        }
      } catch (caught) {
        if (active) setError(actionErrorKey(caught));
      }
    };
    void refresh();
    const interval = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      active = false;
      clearInterval(interval);
    };
  }, [boardId, token]);

  return (
    <aside className="private-panel" aria-labelledby={headingId} data-testid="facilitator.private.overview">
      <h2 id={headingId} className="private-heading">
        <Icon name="lock" />
        {t('facilitator.private.overview')}
      </h2>
      <p className="private-intro">{t('facilitator.private.overview-intro')}</p>
      {error ? (
        <p className="form-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      {members === null ? (
        <p className="private-status" role="status">
          {t('private.connecting')}
        </p>
      ) : (
        members.map((member) => (
          <MemberPrivateNotes key={member.memberId} boardId={boardId} token={token} member={member} />
        ))
      )}
    </aside>
  );
}

function MemberPrivateNotes({ boardId, token, member }: { boardId: string; token: string; member: MemberInfo }) {
  const { t } = useTranslation();
  const { notes } = usePrivateDoc({ boardId, token, ownerId: member.memberId, enabled: true });
  return (
    <section className="private-member" data-testid="facilitator.private.member" data-member-id={member.memberId}>
      <h3 className="private-member-name">
        <span dir="auto">{member.displayName}</span>
        <span className="badge" data-testid="facilitator.private.count">
          {t('facilitator.private.count', { count: notes.length })}
        </span>
      </h3>
      {notes.length > 0 ? (
        <ul className="private-list">
          {notes.map((note) => (
            <li key={note.id} className="private-note">
              <p className="private-note-text" dir="auto">
                {note.text}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
