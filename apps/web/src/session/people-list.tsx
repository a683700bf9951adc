import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useValue, type Editor, type TLUserId } from 'tldraw';
import { stopFollowing } from '../canvas-ui/follow-view.ts';
import { Icon } from '../components/icon.tsx';

/** One person on the canvas right now, from tldraw's presence records. */
export interface Collaborator {
  userId: TLUserId;
  name: string;
  color: string;
}

/** The people on the canvas, one entry per person even with several tabs open. */
export function useCollaborators(editor: Editor | null): Collaborator[] {
  return useValue(
    'talkoot.collaborators',
    () => {
      if (!editor) return [];
      const seen = new Map<TLUserId, Collaborator>();
      for (const presence of editor.getCollaborators()) {
        if (!seen.has(presence.userId)) {
          seen.set(presence.userId, { userId: presence.userId, name: presence.userName, color: presence.color });
        }
      }
      return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
    [editor],
  );
}

/** Props of {@link PeopleList}. */
export interface PeopleListProps {
  editor: Editor | null;
}

/**
 * "Who is here": everyone sees it; picking a person follows their view of the board. A
 * disclosure popover: Escape or a tap elsewhere closes it, and closing it from inside gives focus
 * back to its button, so keyboard users never land at the top of the page.
 */
export function PeopleList({ editor }: PeopleListProps) {
  const { t } = useTranslation();
  const people = useCollaborators(editor);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const headingId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const closeAndRefocus = () => {
    setOpen(false);
    toggle.current?.focus();
  };

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
      className="people-list"
      ref={root}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        // Only this popover closes: not a dialog around it, and not tldraw's selection.
        event.preventDefault();
        event.stopPropagation();
        closeAndRefocus();
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="button button-quiet"
        aria-expanded={open}
        aria-controls={listId}
        data-testid="session.people.open"
        onClick={() => setOpen((value) => !value)}
      >
        <Icon name="people" />
        {t('session.people.button', { count: people.length + 1 })}
      </button>
      {open ? (
        <div
          id={listId}
          className="popover people-popover"
          role="group"
          aria-labelledby={headingId}
          data-testid="session.people.popover"
        >
          <p id={headingId} className="popover-heading">
            {t('session.people.heading')}
          </p>
          {people.length === 0 ? (
            <p className="popover-empty">{t('session.people.alone')}</p>
          ) : (
            <ul className="people-items">
              {people.map((person) => (
                <li key={person.userId}>
                  <button
                    type="button"
                    className="people-item"
                    data-testid="session.people.follow"
                    onClick={() => {
                      editor?.startFollowingUser(person.userId);
                      closeAndRefocus();
                    }}
                  >
                    <span className="avatar" style={{ backgroundColor: person.color }} aria-hidden="true">
                      {person.name.slice(0, 1).toUpperCase()}
                    </span>
                    <span className="people-item-name" dir="auto">
                      {person.name}
                    </span>
                    <span className="people-item-action">{t('session.people.follow')}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}

/** Props of {@link FollowingNotice}. */
export interface FollowingNoticeProps {
  editor: Editor | null;
}

/** Says whose view this screen follows, with a way out. */
export function FollowingNotice({ editor }: FollowingNoticeProps) {
  const { t } = useTranslation();
  const people = useCollaborators(editor);
  const following = useValue('talkoot.following', () => editor?.getInstanceState().followingUserId ?? null, [editor]);
  if (!editor || !following) return null;
  const name = people.find((person) => person.userId === following)?.name ?? '';
  return (
    <div className="notice notice-info" data-testid="session.following" role="status">
      <Icon name="follow" />
      <span>{t('session.following', { name })}</span>
      <button
        type="button"
        className="button button-quiet"
        data-testid="session.stop-following"
        onClick={() => stopFollowing(editor)}
      >
        <Icon name="close" />
        {t('session.stop-following')}
      </button>
    </div>
  );
}
