import { FATAL_CLOSE_CODES, TL_RECORDS_MAP, privateDocName } from '@talkoot/protocol';
import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { syncServerUrl } from '../board/use-board-connection.ts';
import { privateNoteOf, sortPrivateNotes, type PrivateNote } from './private-note-record.ts';

/** Options of {@link usePrivateDoc}. */
export interface PrivateDocOptions {
  boardId: string;
  token: string;
  /** Whose private doc: the author themself, or any member for a facilitator (read-only). */
  ownerId: string;
  /** Connect now. */
  enabled: boolean;
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

/**
 * Follows one member's private-writing doc (`/sync/<boardId>/private/<memberId>`). Nothing is
 * kept on the device: private notes must not outlive the session on a shared tablet.
 */
export function usePrivateDoc({ boardId, token, ownerId, enabled }: PrivateDocOptions): PrivateDoc {
  const [records, setRecords] = useState<Y.Map<unknown> | null>(null);
  const [notes, setNotes] = useState<PrivateNote[]>([]);
  const [synced, setSynced] = useState(false);

  useEffect(() => {
    if (!enabled) return;
    const doc = new Y.Doc();
    const map = doc.getMap<unknown>(TL_RECORDS_MAP);
    const provider = new WebsocketProvider(syncServerUrl(window.location), privateDocName(boardId, ownerId), doc, {
      params: { token },
      disableBc: true,
      shouldReconnect: (event) => !FATAL_CLOSE_CODES.has(event.code),
    });
    const read = () => {
      const list: PrivateNote[] = [];
      for (const value of map.values()) {
        const note = privateNoteOf(value);
        if (note) list.push(note);
      }
      setNotes(sortPrivateNotes(list));
    };
    const onSync = (isSynced: boolean) => setSynced(isSynced);
    const onClose = (event: CloseEvent | null) => {
      if (event && FATAL_CLOSE_CODES.has(event.code)) provider.disconnect();
    };
    map.observe(read);
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    setRecords(map);
    read();
    return () => {
      map.unobserve(read);
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      provider.destroy();
      doc.destroy();
      setRecords(null);
      setSynced(false);
    };
  }, [boardId, token, ownerId, enabled]);

  return { records, notes, synced };
}
