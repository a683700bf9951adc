import type { PresenceUser } from '@talkoot/tldraw-yjs';
import {
  UserRecordType,
  atom,
  computed,
  createTLCurrentUser,
  createUserId,
  type Atom,
  type Signal,
  type TLCurrentUser,
  type TLUserPreferences,
  type TLUserStore,
} from 'tldraw';

/** The person at this screen, in the three shapes tldraw and the binding want. */
export interface BoardUser {
  /** tldraw's user preferences (name, colour, UI locale, …), kept per page rather than in tldraw's global localStorage entry. */
  readonly preferences: Atom<TLUserPreferences>;
  /** For `<Tldraw user>`: the editor reads and updates `preferences` through it. */
  readonly currentUser: TLCurrentUser;
  /** For `createTLStore({ users })`: who gets credited for shapes. */
  readonly userStore: TLUserStore;
  /** For the presence binding: what peers see on this person's cursor. */
  readonly presence: Signal<PresenceUser>;
}

/** Options of {@link createBoardUser}. */
export interface BoardUserOptions {
  /** The board member id; tldraw hides cursors that share the local user's id (this person's other tabs). */
  memberId: string;
  displayName: string;
  color: string;
  tldrawLocale: string;
}

/** Creates the signals that tell tldraw and peers who is drawing. */
export function createBoardUser({ memberId, displayName, color, tldrawLocale }: BoardUserOptions): BoardUser {
  const preferences = atom<TLUserPreferences>('talkoot.user-preferences', {
    id: memberId,
    name: displayName,
    color,
    locale: tldrawLocale,
    colorScheme: 'light',
  });
  const presence = computed<PresenceUser>('talkoot.presence-user', () => {
    const current = preferences.get();
    return { id: current.id, name: current.name ?? displayName, color: current.color ?? color };
  });
  return {
    preferences,
    currentUser: createTLCurrentUser({
      userPreferences: preferences,
      setUserPreferences: (next) => preferences.set(next),
    }),
    userStore: {
      currentUser: computed('talkoot.current-user', () => {
        const user = presence.get();
        return UserRecordType.create({ id: createUserId(user.id), name: user.name, color: user.color });
      }),
    },
    presence,
  };
}
