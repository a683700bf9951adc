import { type BoardRecord, type MemberRecord, syncAccess } from '@talkoot/boards';
import { cleanText, plainTextOf } from '@talkoot/exporters';
import {
  docNames,
  type Language,
  type NoteDoc,
  type NoteTranslationResult,
  TL_RECORDS_MAP,
  type TranslationResponse,
} from '@talkoot/protocol';
import type { RoomManager } from '@talkoot/sync';
import type * as Y from 'yjs';
import { hiddenWithCopies } from '@talkoot/templates';
import {
  BoardTranslations,
  type NoteToTranslate,
  type RoutedTranslator,
  textHash,
  type TranslationStore,
} from '@talkoot/translate';
import { ApiError } from './api-error.ts';
import { noteLanguage } from './note-language.ts';
import type { SessionService } from './session-service.ts';

/** What the translation service needs. */
export interface TranslationDeps {
  rooms: RoomManager;
  sessions: SessionService;
  store: TranslationStore;
  /** The operator's MT server; undefined when translation is off. */
  translator: RoutedTranslator | undefined;
}

/** A note read from a board document for translation. */
interface StoredNote extends NoteToTranslate {
  source: Language;
}

/**
 * Translations of a board's notes for its readers. The texts are read from the stored board
 * (a client names notes, never texts: the server is no open MT proxy); notes the facilitator
 * hid from exports are never sent to the MT server and their translations are deleted;
 * private-writing notes are read only for their author and facilitators (the same rule as
 * their sync socket).
 */
export class TranslationService {
  private readonly translations: BoardTranslations;
  private readonly deps: TranslationDeps;

  constructor(deps: TranslationDeps) {
    this.deps = deps;
    this.translations = new BoardTranslations(deps.store, deps.translator);
  }

  async translate(
    board: BoardRecord,
    member: MemberRecord,
    doc: NoteDoc,
    shapeIds: readonly string[],
    target: Language,
  ): Promise<TranslationResponse> {
    const notes = await this.readNotes(board, this.docName(board, member, doc), shapeIds);
    const results = await this.translations.translate(board.id, notes, target);
    return { machine: this.translations.machineOn ? 'on' : 'off', translations: Object.fromEntries(results) };
  }

  /** Stores a person's translation of a note; it wins over the machine for everyone until the note changes. */
  async correct(
    board: BoardRecord,
    member: MemberRecord,
    doc: NoteDoc,
    shapeId: string,
    target: Language,
    text: string,
  ): Promise<NoteTranslationResult> {
    if (member.role === 'observer') throw new ApiError(403, 'forbidden', 'Observers cannot change translations.');
    const [note] = await this.readNotes(board, this.docName(board, member, doc), [shapeId]);
    if (!note) throw new ApiError(404, 'unknown-note', 'There is no such note on this board.');
    if (note.source === target) throw new ApiError(409, 'same-language', 'The note is already in that language.');
    await this.deps.store.putCorrection(board.id, {
      shapeId,
      target,
      hash: textHash(note.text),
      text: cleanText(text).trim(),
      memberId: member.id,
    });
    const results = await this.translations.translate(board.id, [note], target);
    return results.get(shapeId)!;
  }

  /** Deletes the translations of notes just hidden from exports (called when they are redacted). */
  async forgetRedacted(board: BoardRecord, shapeIds: readonly string[]): Promise<void> {
    const notes = await this.deps.rooms.readDoc(docNames.board(board.id), (ydoc) =>
      this.notesIn(ydoc.getMap<unknown>(TL_RECORDS_MAP), shapeIds, board.language),
    );
    await this.deps.store.forget(
      board.id,
      [...shapeIds],
      notes.map((n) => textHash(n.text)),
    );
  }

  /**
   * The board's notes in the document language `target`, for exports: translations by shape id
   * (only notes that have one; MT failures leave the original alone).
   */
  async forExport(
    board: BoardRecord,
    shapeIds: readonly string[],
    target: Language,
  ): Promise<Record<string, Record<string, { text: string; by: 'machine' | 'participant' }>>> {
    const notes = await this.readNotes(board, docNames.board(board.id), shapeIds);
    const results = await this.translations.translate(board.id, notes, target);
    const out: Record<string, Record<string, { text: string; by: 'machine' | 'participant' }>> = {};
    for (const [id, result] of results) {
      if (result.state === 'translated') out[id] = { [target]: { text: result.text, by: result.by } };
    }
    return out;
  }

  /** The document `doc` names, if the member may read it (the same rule as its sync socket). */
  private docName(board: BoardRecord, member: MemberRecord, doc: NoteDoc): string {
    if (doc === 'board') return docNames.board(board.id);
    if (!syncAccess(member.role, member.id, { kind: 'private', owner: doc.privateOf }).read) {
      throw new ApiError(403, 'forbidden', 'These private notes are not yours.');
    }
    return docNames.private(board.id, doc.privateOf);
  }

  /** The named notes of a document, with their texts and languages; hidden ones left out and forgotten. */
  private async readNotes(board: BoardRecord, name: string, shapeIds: readonly string[]): Promise<StoredNote[]> {
    const wanted = [...new Set(shapeIds)];
    const { redactedShapeIds } = await this.deps.sessions.state(board.id);
    const { read, redacted } = await this.deps.rooms.readDoc(name, (ydoc) => {
      const records = ydoc.getMap<unknown>(TL_RECORDS_MAP);
      return {
        read: this.notesIn(records, wanted, board.language),
        // A copy of a hidden note (a harvest copy, a need sent on) is as hidden as the note.
        redacted: hiddenWithCopies(records.values(), { boardId: board.id, redactedShapeIds }),
      };
    });
    const hidden = read.filter((n) => redacted.has(n.shapeId));
    if (hidden.length > 0) {
      await this.deps.store.forget(
        board.id,
        hidden.map((n) => n.shapeId),
        hidden.map((n) => textHash(n.text)),
      );
    }
    return read.filter((n) => !redacted.has(n.shapeId));
  }

  /** The notes among `ids` with text (anything else, or malformed, is skipped). */
  private notesIn(records: Y.Map<unknown>, ids: readonly string[], boardLanguage: Language): StoredNote[] {
    const notes: StoredNote[] = [];
    for (const id of ids) {
      const record = records.get(id) as { typeName?: unknown; type?: unknown; props?: unknown } | undefined;
      if (record?.typeName !== 'shape' || record.type !== 'note' || typeof record.props !== 'object' || !record.props) {
        continue;
      }
      const text = cleanText(plainTextOf(record.props as Record<string, unknown>)).trim();
      if (text !== '') notes.push({ shapeId: id, text, source: noteLanguage(record, boardLanguage) });
    }
    return notes;
  }
}
