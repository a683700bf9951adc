import { isMeasureTextField, type MeasureTextField } from '@talkoot/action-plan';
import { useCallback, useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { z } from 'zod';

/** The awareness field that says which action-plan cell someone is writing in. */
export const PLAN_CELL_FIELD = 'planCell';

/** Someone else in a cell of the plan, as their (untrusted) awareness state says. */
export interface CellVisitor {
  clientId: number;
  name: string;
  color: string;
}

/** The key of one cell: a measure and one of its text fields. */
export const cellKey = (measure: string, field: MeasureTextField): string => `${measure}\u0000${field}`;

const stateSchema = z.object({
  user: z.object({ name: z.string(), color: z.string().optional() }),
  [PLAN_CELL_FIELD]: z.object({ measure: z.string().max(200), field: z.string() }),
});

/** A colour another client may set that is safe in a style: `#rgb`, `#rrggbb` (with alpha). */
const COLOUR = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** Other people's cells, from every awareness state (each parsed; malformed ones are skipped). */
function visitorsOf(awareness: Awareness): Map<string, CellVisitor[]> {
  const cells = new Map<string, CellVisitor[]>();
  for (const [clientId, raw] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const parsed = stateSchema.safeParse(raw);
    if (!parsed.success) continue;
    const { user, planCell } = parsed.data;
    if (!isMeasureTextField(planCell.field)) continue;
    const key = cellKey(planCell.measure, planCell.field);
    const visitor = {
      clientId,
      name: user.name.slice(0, 60),
      color: user.color && COLOUR.test(user.color) ? user.color : '#495057',
    };
    const list = cells.get(key);
    if (list) list.push(visitor);
    else cells.set(key, [visitor]);
  }
  return cells;
}

/** Who is in which cell of the plan, and a way to say which cell this person is in. */
export interface PlanPresence {
  visitors: ReadonlyMap<string, readonly CellVisitor[]>;
  /** Tells the others which cell has this person's focus (null: none). */
  enter(cell: { measure: string; field: MeasureTextField } | null): void;
}

/**
 * Shares through awareness which action-plan cell has this person's focus, and reads everyone
 * else's: the panel shows their names and colours in the cell, so nobody types over someone
 * unseen. Leaving the panel leaves the cell.
 */
export function usePlanPresence(awareness: Awareness | null): PlanPresence {
  const [visitors, setVisitors] = useState<ReadonlyMap<string, readonly CellVisitor[]>>(() => new Map());
  useEffect(() => {
    if (!awareness) {
      setVisitors(new Map());
      return;
    }
    // Awareness changes with every cursor move: re-render only when the cells' people change.
    let last = '';
    const update = () => {
      const next = visitorsOf(awareness);
      const signature = JSON.stringify([...next]);
      if (signature === last) return;
      last = signature;
      setVisitors(next);
    };
    update();
    awareness.on('change', update);
    return () => {
      awareness.off('change', update);
      if (awareness.getLocalState() !== null) awareness.setLocalStateField(PLAN_CELL_FIELD, null);
    };
  }, [awareness]);
  const enter = useCallback(
    (cell: { measure: string; field: MeasureTextField } | null) => {
      if (awareness && awareness.getLocalState() !== null) awareness.setLocalStateField(PLAN_CELL_FIELD, cell);
    },
    [awareness],
  );
  return { visitors, enter };
}
