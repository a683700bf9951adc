import { applySessionCommand, SessionCommandError } from '@talkoot/boards';
import {
  type AgendaStep,
  initialSessionState,
  type Role,
  type Seating,
  docNames,
  privateDocName,
  TL_RECORDS_MAP,
  SESSION_MAP,
  SESSION_STATE_KEY,
  type SessionCommand,
  type SessionState,
  sessionStateSchema,
} from '@talkoot/protocol';
import { directionOf } from '@talkoot/locales';
import type { RoomManager } from '@talkoot/sync';
import { agendaStepFrameId, placeRevealedNotes, suggestSeating, worldCafeRound } from '@talkoot/templates';
import type * as Y from 'yjs';
import type { BallotBox } from './ballot-box.ts';

/** Which parts of a board are read-only for participants. */
interface LockState {
  board: boolean;
  frames: readonly string[];
}

/** Name of a board's server-owned session document. */
export function sessionDocName(boardId: string): string {
  return docNames.session(boardId);
}

function readState(doc: Y.Doc, now: number): SessionState {
  const parsed = sessionStateSchema.safeParse(doc.getMap(SESSION_MAP).get(SESSION_STATE_KEY));
  return parsed.success ? parsed.data : initialSessionState(now);
}

/**
 * A private record as it may go onto the board: only new shapes placed directly on a page
 * (so a forged record cannot replace the document, another note, or slip into a locked
 * frame), without the author's id (anonymous once shared).
 */
function revealable(id: string, value: unknown): Record<string, unknown> | null {
  if (!id.startsWith('shape:') || !value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  if (record.id !== id || record.typeName !== 'shape' || typeof record.parentId !== 'string') return null;
  if (!record.parentId.startsWith('page:')) return null;
  const meta = record.meta && typeof record.meta === 'object' ? { ...(record.meta as Record<string, unknown>) } : {};
  delete meta.privateAuthor;
  return { ...record, meta };
}

/** Whether most of these notes are in a right-to-left language (their `meta.talkoot.language`). */
function writtenRightToLeft(notes: readonly Record<string, unknown>[]): boolean {
  let rtl = 0;
  for (const note of notes) {
    const talkoot = (note.meta as { talkoot?: { language?: unknown } } | undefined)?.talkoot;
    if (typeof talkoot?.language === 'string' && directionOf(talkoot.language) === 'rtl') rtl++;
  }
  return rtl * 2 > notes.length;
}

/**
 * The workshop state clients may read but not write (timer, agenda, locks, follow, private
 * mode). It lives in a separate Y.Doc per board that every member syncs read-only; only
 * this service changes it, through validated facilitator commands.
 */
export class SessionService {
  private readonly rooms: RoomManager;
  private readonly now: () => number;
  /** Lock state of each board as this instance last set or read it, for the per-update write checks. */
  private readonly locks = new Map<string, LockState>();
  /** Lock reads under way in {@link SessionService.prepare}, per board. */
  private readonly preparing = new Map<string, Promise<void>>();
  /** Lock state of each loaded session room, kept current by an observer (see {@link lockState}). */

  private readonly members: (boardId: string) => Promise<{ id: string; role: Role }[]>;
  private readonly ballots: BallotBox;

  constructor(
    rooms: RoomManager,
    members: (boardId: string) => Promise<{ id: string; role: Role }[]>,
    ballots: BallotBox,
    now: () => number = Date.now,
  ) {
    this.rooms = rooms;
    this.members = members;
    this.ballots = ballots;
    this.now = now;
  }

  state(boardId: string): Promise<SessionState> {
    return this.rooms.readDoc(sessionDocName(boardId), (doc) => readState(doc, this.now()));
  }

  /**
   * Loads what {@link SessionService.isLocked} needs; call before a board connection. Unless
   * the session room is in memory (and kept current through the fan-out), the locks are read
   * afresh: another instance may have changed them since this one last saw them, and a
   * board room that loads before its session room checks its first updates against them.
   */
  prepare(boardId: string): Promise<void> {
    if (this.rooms.isLoaded(sessionDocName(boardId))) return Promise.resolve();
    // Sockets that arrive together (a room reconnecting) share one read.
    let reading = this.preparing.get(boardId);
    if (!reading) {
      reading = this.state(boardId)
        .then((state) => {
          this.locks.set(boardId, { board: state.locked, frames: state.lockedFrameIds });
        })
        .finally(() => this.preparing.delete(boardId));
      this.preparing.set(boardId, reading);
    }
    return reading;
  }

  /** Drops what is cached about a deleted board. */
  forget(boardId: string): void {
    this.locks.delete(boardId);
  }

  isLocked(boardId: string): boolean {
    return this.lockState(boardId)?.board ?? false;
  }

  /** Frames that are read-only for participants. */
  lockedFrames(boardId: string): readonly string[] {
    return this.lockState(boardId)?.frames ?? [];
  }

  /**
   * The session document in memory is the truth: with several instances, a facilitator's
   * lock may have been set on another one and arrived through the fan-out. (The room
   * manager keeps a board's session room loaded as long as the board's room is.)
   */
  private lockState(boardId: string): LockState | undefined {
    const live = this.rooms.readLive(sessionDocName(boardId), 'locks', (doc): LockState => {
      const current = readState(doc, this.now());
      return { board: current.locked, frames: current.lockedFrameIds };
    });
    return live ?? this.locks.get(boardId);
  }

  /**
   * Moves every member's private notes onto the board, into the focus frame or else the frame of
   * the current agenda step (laid out clear of each other and of what is there; see
   * {@link placeRevealedNotes}), or beside the board's content when there is neither. Each
   * private document is emptied only after the board holds its records, so a crash in between
   * duplicates nothing and loses nothing (a second reveal moves what is left).
   */
  private async revealPrivateNotes(boardId: string): Promise<void> {
    const state = await this.state(boardId);
    const frameId = state.focusFrameId ?? agendaStepFrameId(state.currentStepId);
    for (const { id: memberId } of await this.members(boardId)) {
      const name = privateDocName(boardId, memberId);
      const records = await this.rooms.readDoc(name, (doc) => doc.getMap(TL_RECORDS_MAP).toJSON());
      const ids = Object.keys(records);
      if (ids.length === 0) continue;
      const revealed = await this.rooms.changeDoc(boardId, (doc) => {
        const map = doc.getMap(TL_RECORDS_MAP);
        // Never overwrite what is on the board: a private doc is written by its author alone.
        const notes = ids
          .filter((id) => !map.has(id))
          .map((id) => revealable(id, records[id]))
          .filter((note): note is Record<string, unknown> => note !== null)
          .sort((a, b) => (String(a.index) < String(b.index) ? -1 : String(a.index) > String(b.index) ? 1 : 0));
        if (notes.length === 0) return [];
        const layout = placeRevealedNotes(
          map.values(),
          notes.map((note) => ({ id: note.id as string, props: note.props })),
          { frameId, pageId: notes[0]!.parentId as string, rtl: writtenRightToLeft(notes) },
        );
        if (layout.grownFrame) {
          const frame = map.get(layout.grownFrame.id) as { props: Record<string, unknown> };
          map.set(layout.grownFrame.id, { ...frame, props: { ...frame.props, h: layout.grownFrame.h } });
        }
        for (const [i, note] of notes.entries()) {
          const place = layout.notes[i]!;
          map.set(place.id, { ...note, parentId: place.parentId, x: place.x, y: place.y, index: place.index });
        }
        return notes.map((note) => note.id as string);
      });
      await this.rooms.changeDoc(name, (doc) => {
        const map = doc.getMap(TL_RECORDS_MAP);
        for (const id of revealed) map.delete(id);
      });
    }
  }

  /**
   * Adds steps at the end of the agenda in one transaction, so two methods inserted at once
   * both keep their steps. Past 50 steps the rest is dropped (callers check first).
   */
  async appendAgenda(boardId: string, steps: readonly AgendaStep[]): Promise<SessionState> {
    return this.rooms.changeDoc(sessionDocName(boardId), (doc) => {
      const current = readState(doc, this.now());
      const state = applySessionCommand(
        current,
        { type: 'agenda.set', agenda: [...current.agenda, ...steps].slice(0, 50) },
        this.now(),
      );
      doc.getMap(SESSION_MAP).set(SESSION_STATE_KEY, state);
      return state;
    });
  }

  /**
   * The tables suggested to participants for a world-café round step (null for any other
   * step): as many tables as the café has, people mixed between rounds.
   */
  private async seatingFor(boardId: string, stepId: string | null): Promise<Seating | null> {
    const step = worldCafeRound(stepId);
    if (!step || stepId === null) return null;
    const tables = await this.rooms.readDoc(boardId, (doc) => {
      let count = 0;
      for (const value of doc.getMap<unknown>(TL_RECORDS_MAP).values()) {
        const record = value as { type?: unknown; meta?: { talkoot?: Record<string, unknown> } } | null;
        const tags = record?.meta?.talkoot;
        if (record?.type === 'frame' && tags?.template === 'world-cafe' && tags.part === 'table') {
          if ((tags.instance ?? undefined) === step.instance) count++;
        }
      }
      return count;
    });
    if (tables === 0) return null;
    const participants = (await this.members(boardId)).filter((m) => m.role === 'participant').map((m) => m.id);
    const rounds = suggestSeating(participants, tables, step.round);
    return { stepId, round: step.round, seats: rounds[step.round - 1] ?? {} };
  }

  /** A vote can be limited to a frame of the board only. */
  private async checkVoteFrame(boardId: string, frameId: string): Promise<void> {
    const isFrame = await this.rooms.readDoc(boardId, (doc) => {
      const record = doc.getMap<unknown>(TL_RECORDS_MAP).get(frameId) as { typeName?: unknown; type?: unknown } | null;
      return record?.typeName === 'shape' && record.type === 'frame';
    });
    if (!isFrame) throw new SessionCommandError('There is no such frame on this board.');
  }

  /** Applies a facilitator's command, stores and broadcasts the new state. */
  async command(boardId: string, command: SessionCommand): Promise<SessionState> {
    if (command.type === 'private.reveal') await this.revealPrivateNotes(boardId);
    if (command.type === 'voting.open' && command.frameId) await this.checkVoteFrame(boardId, command.frameId);
    if (command.type === 'voting.open') await this.ballots.clear(boardId);
    const totals = command.type === 'voting.reveal' ? await this.ballots.totals(boardId) : null;
    const seating = command.type === 'agenda.go' ? await this.seatingFor(boardId, command.stepId) : undefined;
    const next = await this.rooms.changeDoc(sessionDocName(boardId), (doc) => {
      const state = applySessionCommand(readState(doc, this.now()), command, this.now());
      if (totals) state.voting = { ...state.voting, results: totals };
      if (seating !== undefined) state.seating = seating;
      doc.getMap(SESSION_MAP).set(SESSION_STATE_KEY, state);
      return state;
    });
    this.locks.set(boardId, { board: next.locked, frames: next.lockedFrameIds });
    return next;
  }
}
