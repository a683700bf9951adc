import { TL_RECORDS_MAP, privateDocName } from '@talkoot/protocol';
import { useEffect, useRef, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { syncServerUrl } from '../board/use-board-connection.ts';
import { snapshotTexts, unsavedTexts, type ShapeText } from '../drafts/text-snapshot.ts';
import { closeActionOf, endsConnection } from '../offline/close-policy.ts';
import { nextResetStreak, resetWait, type ResetStreak } from '../offline/reset-streak.ts';
import { privateNoteOf, sortPrivateNotes, type PrivateNote } from './private-note-record.ts';

/** Options of {@link usePrivateDoc}. */
export interface PrivateDocOptions {
  boardId: string;
  token: string;
  /** Whose private doc: the author themself, or any member for a facilitator (read-only). */
  ownerId: string;
  /** Connect now. */
  enabled: boolean;
  /**
   * Told, once a fresh doc has synced after the server refused an update (see `RESET_CLOSE_CODES`),
   * the close code and the texts of the dropped doc that the server does not have; only the
   * latest function passed is called, so it need not be stable.
   */
  onUnsaved?: (code: number, texts: ShapeText[]) => void;
}

/** A member's private doc while connected. */
export interface PrivateDoc {
  /** The doc's `tl_records`, or null while not connected. */
  records: Y.Map<unknown> | null;
  /** The notes in it, in writing order (kept after disconnecting). */
  notes: PrivateNote[];
  /** True once the first sync with the server is done. */
  synced: boolean;
}

/** Texts of a dropped doc, waiting for the fresh one to sync. */
interface Dropped {
  code: number;
  texts: ShapeText[];
}

/**
 * Follows one member's private-writing doc (`/sync/<boardId>/private/<memberId>`). Nothing is
 * kept on the device: private notes must not outlive the session on a shared tablet.
 *
 * After a reset close code the doc holds a change the server refused and would send it again on
 * every reconnect, so it is thrown away and a fresh one connects at once; what the person wrote
 * that did not reach the server goes to `onUnsaved`.
 */
export function usePrivateDoc({ boardId, token, ownerId, enabled, onUnsaved }: PrivateDocOptions): PrivateDoc {
  const [records, setRecords] = useState<Y.Map<unknown> | null>(null);
  const [notes, setNotes] = useState<PrivateNote[]>([]);
  const [synced, setSynced] = useState(false);
  const [generation, setGeneration] = useState(0);
  const dropped = useRef<Dropped | null>(null);
  const resetStreak = useRef<ResetStreak | null>(null);
  const onUnsavedRef = useRef(onUnsaved);
  useEffect(() => {
    onUnsavedRef.current = onUnsaved;
  }, [onUnsaved]);

  useEffect(() => {
    if (!enabled) return;
    const doc = new Y.Doc();
    const map = doc.getMap<unknown>(TL_RECORDS_MAP);
    const provider = new WebsocketProvider(syncServerUrl(window.location), privateDocName(boardId, ownerId), doc, {
      params: { token },
      disableBc: true,
      shouldReconnect: (event) => !endsConnection(event.code),
    });
    let resetting = false;
    let freshTimer: ReturnType<typeof setTimeout> | undefined;
    const read = () => {
      const list: PrivateNote[] = [];
      for (const value of map.values()) {
        const note = privateNoteOf(value);
        if (note) list.push(note);
      }
      setNotes(sortPrivateNotes(list));
    };
    const onSync = (isSynced: boolean) => {
      if (resetting) return;
      setSynced(isSynced);
      const pending = dropped.current;
      if (!isSynced || !pending) return;
      dropped.current = null;
      const unsaved = unsavedTexts(pending.texts, map.values());
      if (unsaved.length > 0) onUnsavedRef.current?.(pending.code, unsaved);
    };
    const onClose = (event: CloseEvent | null) => {
      if (!event) return;
      const action = closeActionOf(event.code);
      if (action === 'retry') return;
      provider.disconnect();
      if (action !== 'reset' || resetting) return;
      resetting = true;
      // Added to what an earlier dropped doc left, should this one be refused before it synced.
      dropped.current = {
        code: event.code,
        texts: [...(dropped.current?.texts ?? []), ...snapshotTexts(map.values())],
      };
      setSynced(false);
      const streak = nextResetStreak(resetStreak.current, Date.now());
      resetStreak.current = streak;
      freshTimer = setTimeout(() => setGeneration((value) => value + 1), resetWait(streak));
    };
    map.observe(read);
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    setRecords(map);
    read();
    return () => {
      clearTimeout(freshTimer);
      map.unobserve(read);
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      provider.destroy();
      doc.destroy();
      setRecords(null);
      setSynced(false);
    };
  }, [boardId, token, ownerId, enabled, generation]);

  return { records, notes, synced };
}
