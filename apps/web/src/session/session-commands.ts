import type { AgendaStep, SessionCommand } from '@talkoot/protocol';

/** The longest timer the server accepts, in minutes. */
export const MAX_TIMER_MINUTES = 360;

/**
 * A number typed on any keyboard: Arabic (٠–٩) and Persian (۰–۹) digits become 0–9, and the
 * decimal separator may be `,`, `.` or the Arabic `٫`. NaN when it is not a number.
 */
export function parseTypedNumber(input: string): number {
  const ascii = input
    .trim()
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/[,\u066b]/, '.');
  return ascii === '' ? Number.NaN : Number(ascii);
}

/**
 * `timer.set` for a duration typed in minutes (decimals allowed, e.g. 1.5), or null when the
 * input is not a duration the server accepts.
 */
export function timerSetCommand(minutesInput: string | number): SessionCommand | null {
  const minutes = typeof minutesInput === 'number' ? minutesInput : parseTypedNumber(minutesInput);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_TIMER_MINUTES) return null;
  const durationMs = Math.round(minutes * 60) * 1000;
  return durationMs >= 1000 ? { type: 'timer.set', durationMs } : null;
}

/** `timer.add` for whole minutes (negative takes time off). */
export function timerAddCommand(minutes: number): SessionCommand {
  return { type: 'timer.add', ms: Math.round(minutes * 60_000) };
}

/** A url-safe random id for a new agenda step; works on plain-http LAN addresses too. */
export function newStepId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

/** An agenda step as edited in the form: minutes stay text until saved. */
export interface StepDraft {
  id: string;
  title: string;
  instructions: string;
  minutes: string;
}

/** Turns an agenda into drafts for the editor form. */
export function toDrafts(agenda: readonly AgendaStep[]): StepDraft[] {
  return agenda.map((step) => ({
    id: step.id,
    title: step.title,
    instructions: step.instructions,
    minutes: step.durationMinutes === undefined ? '' : String(step.durationMinutes),
  }));
}

/**
 * `agenda.set` from the edited drafts. Steps without a title are dropped (an empty row is
 * how people start a new step); minutes that are not a whole number 0–600 are left out.
 */
export function agendaSetCommand(drafts: readonly StepDraft[]): SessionCommand {
  const agenda: AgendaStep[] = [];
  for (const draft of drafts) {
    const title = draft.title.trim().slice(0, 120);
    if (!title) continue;
    const minutes = parseTypedNumber(draft.minutes);
    const step: AgendaStep = { id: draft.id, title, instructions: draft.instructions.slice(0, 2000) };
    if (draft.minutes.trim() !== '' && Number.isInteger(minutes) && minutes >= 0 && minutes <= 600) {
      step.durationMinutes = minutes;
    }
    agenda.push(step);
  }
  return { type: 'agenda.set', agenda: agenda.slice(0, 50) };
}

/** The list with the item at `index` moved by `delta` places; unchanged at the ends. */
export function moveItem<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const next = [...items];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}
