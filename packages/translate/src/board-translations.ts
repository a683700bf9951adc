import { TranslateError, type TranslateFailure } from './machine-translator.ts';
import type { RoutedTranslator } from './routed-translator.ts';
import { machineKey, type TranslatedBy, type TranslationStore } from './translation-store.ts';
import { textHash } from './text-hash.ts';

/** A note to translate: its id, plain text and language. */
export interface NoteToTranslate {
  shapeId: string;
  text: string;
  source: string;
}

/** What a reader gets for one note. */
export type NoteTranslation =
  /** Already in the reader's language. */
  | { state: 'original'; source: string }
  | {
      state: 'translated';
      source: string;
      text: string;
      by: TranslatedBy;
      /** A person's translation exists but was made for an earlier version of the note. */
      correctionStale?: true;
    }
  /** The MT server has no way from `source` to the target. */
  | { state: 'unavailable'; source: string }
  /** The MT server failed (down, slow, garbage, refused): the original is shown. */
  | { state: 'failed'; source: string; reason: TranslateFailure };

/**
 * The translations of a board's notes for one reader language: a person's correction first
 * (if it was made for the note's current text), then the board's stored machine translation,
 * then the MT server — one batch per source language, for texts not already on their way
 * (concurrent readers share one request), stored before they are handed out. Without an MT
 * server (`translator` undefined) only corrections are returned, the rest fails `unavailable`.
 */
export class BoardTranslations {
  private readonly inFlight = new Map<string, Promise<string>>();

  private readonly store: TranslationStore;
  private readonly translator: RoutedTranslator | undefined;

  constructor(store: TranslationStore, translator: RoutedTranslator | undefined) {
    this.store = store;
    this.translator = translator;
  }

  /** Whether an MT server is configured. */
  get machineOn(): boolean {
    return this.translator !== undefined;
  }

  async translate(
    boardId: string,
    notes: readonly NoteToTranslate[],
    target: string,
  ): Promise<Map<string, NoteTranslation>> {
    const out = new Map<string, NoteTranslation>();
    const foreign = notes.filter((note) => {
      if (note.source !== target) return true;
      out.set(note.shapeId, { state: 'original', source: note.source });
      return false;
    });
    if (foreign.length === 0) return out;
    const hashes = new Map(foreign.map((note) => [note.shapeId, textHash(note.text)]));
    const corrections = await this.store.corrections(
      boardId,
      target,
      foreign.map((n) => n.shapeId),
    );
    const stale = new Set<string>();
    const rest = foreign.filter((note) => {
      const correction = corrections.get(note.shapeId);
      if (correction && correction.hash === hashes.get(note.shapeId)) {
        out.set(note.shapeId, { state: 'translated', source: note.source, text: correction.text, by: 'participant' });
        return false;
      }
      if (correction) stale.add(note.shapeId);
      return true;
    });
    if (rest.length === 0) return out;

    const translator = this.translator;
    if (!translator) {
      for (const note of rest) out.set(note.shapeId, { state: 'failed', source: note.source, reason: 'unavailable' });
      return out;
    }
    const stored = await this.store.machine(
      boardId,
      target,
      rest.map((n) => ({ hash: hashes.get(n.shapeId)!, source: n.source })),
    );
    const missing = new Map<string, NoteToTranslate[]>();
    const translated = (note: NoteToTranslate, text: string): NoteTranslation => ({
      state: 'translated',
      source: note.source,
      text,
      by: 'machine',
      ...(stale.has(note.shapeId) ? { correctionStale: true as const } : {}),
    });
    for (const note of rest) {
      const text = stored.get(machineKey(hashes.get(note.shapeId)!, note.source));
      if (text !== undefined) out.set(note.shapeId, translated(note, text));
      else missing.set(note.source, [...(missing.get(note.source) ?? []), note]);
    }
    await Promise.all(
      [...missing].map(async ([source, group]) => {
        const pending = this.machineTranslate(boardId, group, hashes, source, target);
        const results = await Promise.allSettled(pending);
        group.forEach((note, i) => {
          const result = results[i]!;
          if (result.status === 'fulfilled') out.set(note.shapeId, translated(note, result.value));
          else {
            const reason = result.reason instanceof TranslateError ? result.reason.reason : 'unavailable';
            out.set(
              note.shapeId,
              reason === 'unsupported-pair' ? { state: 'unavailable', source } : { state: 'failed', source, reason },
            );
          }
        });
      }),
    );
    return out;
  }

  /** One promise per note of `group`: texts already asked for are awaited, the others sent in one batch. */
  private machineTranslate(
    boardId: string,
    group: readonly NoteToTranslate[],
    hashes: ReadonlyMap<string, string>,
    source: string,
    target: string,
  ): Promise<string>[] {
    const key = (hash: string) => `${boardId}|${hash}|${source}|${target}`;
    const fresh = new Map<string, string>();
    for (const note of group) {
      const hash = hashes.get(note.shapeId)!;
      if (!this.inFlight.has(key(hash))) fresh.set(hash, note.text);
    }
    if (fresh.size > 0) {
      const texts = [...fresh.values()];
      const batch = this.translator!.translate(texts, source, target).then(async (translations) => {
        const entries = [...fresh.keys()].map((hash, i) => ({ hash, source, target, text: translations[i]! }));
        await this.store.putMachine(boardId, entries);
        return new Map(entries.map((e) => [e.hash, e.text]));
      });
      for (const hash of fresh.keys()) {
        const one = batch.then((m) => m.get(hash)!);
        one.catch(() => undefined);
        this.inFlight.set(key(hash), one);
        void one.then(
          () => this.inFlight.delete(key(hash)),
          () => this.inFlight.delete(key(hash)),
        );
      }
    }
    return group.map((note) => this.inFlight.get(key(hashes.get(note.shapeId)!))!);
  }
}
