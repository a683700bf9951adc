import type { MemberInfo } from '@talkoot/protocol';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionErrorKey, apiClient } from '../api-client.ts';
import { Icon } from '../components/icon.tsx';
import { setPrivateNoteCount } from './private-note-counts.ts';
import { usePrivateDoc } from './use-private-doc.ts';
import { languageSchema, type NoteTranslationResult } from '@talkoot/protocol';
import { languageFor } from '../i18n.ts';
import { languageName } from '../translation/note-translations.tsx';
import { usePrivateTranslations } from '../translation/use-private-translations.ts';
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
  const { t, i18n } = useTranslation();
  const { notes, synced } = usePrivateDoc({ boardId, token, ownerId: member.memberId, enabled: true });
  useEffect(() => {
    setPrivateNoteCount(member.memberId, synced ? notes.length : null);
  }, [member.memberId, synced, notes.length]);
  useEffect(() => () => setPrivateNoteCount(member.memberId, undefined), [member.memberId]);
  const language = languageSchema.catch('en').parse(languageFor(i18n.resolvedLanguage ?? i18n.language).code);
  const translated = usePrivateTranslations({ boardId, token, ownerId: member.memberId, notes, language });
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
                <PrivateNoteText text={note.text} view={translated.get(note.id)} reader={language} />
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** A private note for the facilitator: its translation when it is in another language, marked as such. */
function PrivateNoteText({
  text,
  view,
  reader,
}: {
  text: string;
  view: NoteTranslationResult | undefined;
  reader: string;
}) {
  const { t } = useTranslation();
  if (view?.state !== 'translated') return <>{text}</>;
  const language = languageName(view.source, reader);
  return (
    <>
      <span lang={reader} data-testid="translation.private-text">
        {view.text}
      </span>{' '}
      <small className="translated-text-label">
        {view.by === 'participant'
          ? t('translation.by-participant', { language })
          : t('translation.by-machine', { language })}
      </small>
      <span className="visually-hidden">{t('translation.original', { language })}</span>{' '}
      <span className="private-note-original" lang={view.source}>
        ({text})
      </span>
    </>
  );
}
