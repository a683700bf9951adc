import type { TLShape } from '@tldraw/tlschema';
import { locateNote } from './locate-note.ts';
import { toRichText } from './rich-text.ts';
import { isShapeRecord, type ShapeRecord, stableHash, talkootOf } from './shape-record.ts';
import { indexKey, partShapeId, TEMPLATE_SCHEMA, type Translate } from './to-tldraw-records.ts';

/** What {@link harvestWorldCafe} writes: shapes to set in the board doc by id. */
export interface Harvest {
  /** The harvest frame the notes were gathered into; null when the board has no world café. */
  frameId: string | null;
  /** Notes gathered from the tables (new and already gathered). */
  notes: number;
  /** Records to write (new or changed). */
  records: TLShape[];
}

const PAD = 40;
const GAP = 16;
/** Gathered copies are smaller than notes at the tables, so a whole café fits in one frame. */
const SCALE = 0.6;
const NOTE = 200 * SCALE;
const LABEL_H = 48;

/** A short stable id part for a copy of `shapeId`. */
function copySlug(shapeId: string): string {
  return `harvest.note-${stableHash(shapeId)}-${shapeId
    .replace(/[^a-zA-Z0-9]/g, '')
    .slice(-12)
    .toLowerCase()}`;
}

/**
 * Gathers every note written at a world café's tables into its harvest frame, as smaller
 * copies in one row per table ("Table 3"), below the themes / surprises / questions areas,
 * so the room can sort them. Each copy keeps a link to its note (`meta.talkoot.source`) and
 * its table and round. Running it again adds notes written since and tidies the copies still
 * in the gathered area; copies people moved out (into a theme, say) stay where they are, and
 * nothing is ever duplicated (a copy's id comes from its note's id).
 *
 * `instance` picks the café on a board with several (undefined: the board's first one).
 */
export function harvestWorldCafe(
  records: Iterable<unknown>,
  options: { instance?: string | undefined; t: Translate; version?: number },
): Harvest {
  const all: unknown[] = [...records];
  const shapes = new Map<string, ShapeRecord>();
  for (const record of all) if (isShapeRecord(record)) shapes.set(record.id, record);
  const inCafe = (s: ShapeRecord) =>
    talkootOf(s).template === 'world-cafe' && (talkootOf(s).instance ?? undefined) === options.instance;
  const frame = [...shapes.values()].find((s) => s.type === 'frame' && inCafe(s) && talkootOf(s).part === 'harvest');
  if (!frame) return { frameId: null, notes: 0, records: [] };

  const version = options.version ?? 1;
  const meta = (tags: Record<string, unknown>) => ({
    talkoot: {
      template: 'world-cafe',
      templateVersion: version,
      ...(options.instance === undefined ? {} : { instance: options.instance }),
      ...tags,
    },
  });

  // Notes at the tables, in table, round and reading order.
  const sources: { shape: ShapeRecord; table: number; round: number | null }[] = [];
  for (const shape of shapes.values()) {
    if (shape.type !== 'note' || talkootOf(shape).part === 'harvested') continue;
    const tags = locateNote(all, shape.id)?.tags;
    if (!tags || tags.template !== 'world-cafe' || (tags.instance ?? undefined) !== options.instance) continue;
    if (typeof tags.table !== 'number') continue;
    sources.push({ shape, table: tags.table, round: typeof tags.round === 'number' ? tags.round : null });
  }
  sources.sort(
    (a, b) => a.table - b.table || (a.round ?? 0) - (b.round ?? 0) || a.shape.y - b.shape.y || a.shape.x - b.shape.x,
  );

  const frameW = typeof frame.props.w === 'number' ? frame.props.w : 1200;
  // The gathered area starts below the areas the template put in the frame.
  let areasBottom = PAD;
  for (const s of shapes.values()) {
    if (s.parentId !== frame.id || s.type !== 'geo' || !inCafe(s) || talkootOf(s).area === 'gathered') continue;
    const h = typeof s.props.h === 'number' ? s.props.h : 0;
    areasBottom = Math.max(areasBottom, s.y + h);
  }
  const top = areasBottom + PAD;
  const perLine = Math.max(1, Math.floor((frameW - PAD * 2 + GAP) / (NOTE + GAP)));

  const out: TLShape[] = [];
  const create = (partial: Omit<ShapeRecord, 'meta'> & { meta: object; isLocked: boolean }) =>
    TEMPLATE_SCHEMA.types.shape.create(partial as unknown as TLShape) as TLShape;
  const changed = (id: string, x: number, y: number) => {
    const existing = shapes.get(id);
    return !existing || existing.x !== x || existing.y !== y || existing.parentId !== frame.id;
  };

  let y = top;
  let child = 0;
  const tables = [...new Set(sources.map((s) => s.table))];
  for (const table of tables) {
    const labelId = partShapeId('world-cafe', `harvest.table-${table}`, options.instance);
    if (changed(labelId, PAD, y)) {
      out.push(
        create({
          id: labelId,
          type: 'text',
          x: PAD,
          y,
          index: indexKey(200 + table),
          parentId: frame.id,
          isLocked: true,
          props: {
            color: 'black',
            size: 's',
            font: 'sans',
            textAlign: 'start',
            w: frameW - PAD * 2,
            richText: toRichText(options.t('template.world-cafe.table', { number: table })),
            scale: 1,
            autoSize: false,
          },
          meta: meta({
            part: 'harvest',
            area: 'gathered',
            table,
            text: { key: 'template.world-cafe.table', values: { number: table } },
          }),
        }),
      );
    }
    y += LABEL_H;
    let column = 0;
    for (const source of sources.filter((s) => s.table === table)) {
      const id = partShapeId('world-cafe', copySlug(source.shape.id), options.instance);
      const existing = shapes.get(id);
      // Copies someone moved out of the gathered area (into a theme, say) stay put.
      const stillGathered = !existing || (existing.parentId === frame.id && existing.y >= top - 1);
      const x = PAD + column * (NOTE + GAP);
      if (stillGathered && changed(id, x, y)) {
        out.push(
          create({
            id,
            type: 'note',
            x,
            y,
            index: existing?.index ?? indexKey(400 + child),
            parentId: frame.id,
            isLocked: false,
            props: { ...source.shape.props, ...(existing?.props ?? {}), scale: SCALE },
            meta: meta({
              part: 'harvested',
              table,
              ...(source.round === null ? {} : { round: source.round }),
              source: { shapeId: source.shape.id },
            }),
          }),
        );
      }
      child++;
      column++;
      if (column === perLine) {
        column = 0;
        y += NOTE + GAP;
      }
    }
    if (column > 0) y += NOTE + GAP;
    y += GAP;
  }

  const height = Math.max(y + PAD, typeof frame.props.h === 'number' ? frame.props.h : 0);
  const gatheredId = partShapeId('world-cafe', 'harvest.gathered', options.instance);
  const gatheredH = Math.max(NOTE, y - top);
  const gathered = shapes.get(gatheredId);
  if (sources.length > 0 && (!gathered || gathered.props.h !== gatheredH)) {
    out.push(
      create({
        id: gatheredId,
        type: 'geo',
        x: PAD,
        y: top - GAP,
        index: 'a0V',
        parentId: frame.id,
        isLocked: true,
        props: {
          geo: 'rectangle',
          dash: 'dotted',
          url: '',
          w: frameW - PAD * 2,
          h: gatheredH,
          growY: 0,
          scale: 1,
          flipX: false,
          flipY: false,
          labelColor: 'black',
          color: 'grey',
          fill: 'none',
          size: 's',
          font: 'sans',
          align: 'start',
          verticalAlign: 'start',
          richText: toRichText(''),
        },
        meta: meta({ part: 'harvest', area: 'gathered' }),
      }),
    );
  }
  if (frame.props.h !== height) {
    out.push({ ...(frame as unknown as TLShape), props: { ...frame.props, h: height } } as TLShape);
  }
  return { frameId: frame.id, notes: sources.length, records: out };
}
