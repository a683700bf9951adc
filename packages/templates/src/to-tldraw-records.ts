import {
  createShapeId,
  createTLSchema,
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  type TLPageId,
  type TLParentId,
  type TLRecord,
  type TLShape,
  type TLShapeId,
} from '@tldraw/tlschema';
import { toRichText } from './rich-text.ts';
import { textSourceOf, type TextSource } from './template-text-source.ts';
import type { LayoutChild, PartTags, TemplateDefinition, TemplateLayout, TemplateText } from './template-definition.ts';

/** Resolves a translation key with interpolation values, e.g. i18next's `t`. */
export type Translate = (key: string, values?: Readonly<Record<string, string | number>>) => string;

/** tldraw's default schema, the one `createTLStore({ shapeUtils: defaultShapeUtils, … })` builds in the browser. */
export const TEMPLATE_SCHEMA = createTLSchema();

/** The page every board has; the tldraw binding seeds the same record on an empty board. */
export const PAGE_ID = PageRecordType.createId('page');

/**
 * What `shape.meta.talkoot` holds on every part of a template; `instance` names a template
 * inserted into a board that already had content (absent on a board's first template).
 */
export type TemplateMeta = {
  [tag: string]: string | number | TextSource | undefined;
  part: string;
  template: string;
  templateVersion: number;
  instance?: string;
  /** Where the part's text came from, so each reader sees it in her language (see `localizeTemplateText`). */
  text?: TextSource;
};

/** Where a template goes on a board: its top-left corner, and a name that keeps its ids apart. */
export interface TemplatePlacement {
  /** Short id unique on the board, e.g. `2`; becomes part of every shape id. */
  instance: string;
  x: number;
  y: number;
}

/**
 * The document and page records with the ids tldraw's `ensureStoreIsUsable` gives them (and so
 * the binding seeds on an empty board), so a client opening the board has nothing to add. The
 * page is named in the board's language, as tldraw's page menu shows it to everyone (tldraw's
 * own default, "Page 1", is English whatever the language).
 */
export function baseRecords(t: Translate): TLRecord[] {
  const name = t('template.page-name');
  return [
    DocumentRecordType.create({ id: TLDOCUMENT_ID, name: '' }),
    PageRecordType.create({ id: PAGE_ID as TLPageId, name, index: 'a1' as TLShape['index'], meta: {} }),
  ];
}

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The n-th fractional index (`a1`, `a2`, …, `az`, `b00`, …): deterministic, ascending. */
export function indexKey(n: number): TLShape['index'] {
  const i = n + 1;
  if (i < DIGITS.length) return `a${DIGITS[i]}` as TLShape['index'];
  const j = i - DIGITS.length;
  return `b${DIGITS[Math.floor(j / DIGITS.length) % DIGITS.length]}${DIGITS[j % DIGITS.length]}` as TLShape['index'];
}

/** The id of a template part: readable and stable, so writing a template twice cannot duplicate it. */
export function partShapeId(templateId: string, slug: string, instance?: string): TLShapeId {
  return createShapeId(instance === undefined ? `${templateId}.${slug}` : `${templateId}@${instance}.${slug}`);
}

/**
 * Turns a template's layout into valid tldraw shape records in the board's language. Frames,
 * labels and areas are created locked where they are scaffolding (labels, areas), so people
 * drag notes over them without moving them; frames stay movable for facilitators.
 */
export function layoutToRecords(
  definition: TemplateDefinition,
  layout: TemplateLayout,
  t: Translate,
  placement?: TemplatePlacement,
): TLShape[] {
  const text = (value: TemplateText) => t(value.key, value.values);
  const instance = placement?.instance;
  const dx = placement?.x ?? 0;
  const dy = placement?.y ?? 0;
  const meta = (tags: PartTags, source: TemplateText | null) => ({
    talkoot: {
      template: definition.id,
      templateVersion: definition.version,
      ...(instance === undefined ? {} : { instance }),
      ...tags,
      ...(source === null ? {} : { text: textSourceOf(source) }),
    } satisfies TemplateMeta,
  });
  const shape = (
    partial: Pick<TLShape, 'type' | 'x' | 'y' | 'isLocked'> & { slug: string; parentId: TLParentId; index: number },
    props: object,
    tags: PartTags,
    source: TemplateText | null,
  ): TLShape =>
    TEMPLATE_SCHEMA.types.shape.create({
      id: partShapeId(definition.id, partial.slug, instance),
      type: partial.type,
      x: partial.x,
      y: partial.y,
      isLocked: partial.isLocked,
      parentId: partial.parentId,
      index: indexKey(partial.index),
      props,
      meta: meta(tags, source),
    } as unknown as TLShape) as TLShape;

  const child = (
    node: LayoutChild | Extract<TemplateLayout[number], { kind: 'label' }>,
    parentId: TLParentId,
    index: number,
  ) => {
    const base = { slug: node.slug, x: node.x, y: node.y, parentId, index };
    switch (node.kind) {
      case 'area':
        return shape(
          { ...base, type: 'geo', isLocked: true },
          areaProps(node.w, node.h, node.label ? text(node.label) : '', node.color),
          node.tags,
          node.label,
        );
      case 'label':
        return shape(
          { ...base, type: 'text', isLocked: true },
          labelProps(node.w, text(node.text), node.size),
          node.tags,
          node.text,
        );
      case 'note':
        return shape(
          { ...base, type: 'note', isLocked: false },
          noteProps(text(node.text), node.color),
          node.tags,
          node.text,
        );
    }
  };

  const records: TLShape[] = [];
  layout.forEach((node, i) => {
    if (node.kind === 'label') {
      records.push(child({ ...node, x: node.x + dx, y: node.y + dy }, PAGE_ID, i));
      return;
    }
    const frameId = partShapeId(definition.id, node.slug, instance);
    records.push(
      shape(
        {
          slug: node.slug,
          type: 'frame',
          x: node.x + dx,
          y: node.y + dy,
          isLocked: false,
          parentId: PAGE_ID,
          index: i,
        },
        { w: node.w, h: node.h, name: text(node.label), color: 'black' },
        node.tags,
        node.label,
      ),
    );
    node.children.forEach((c, j) => records.push(child(c, frameId, j)));
  });
  return records;
}

function areaProps(w: number, h: number, label: string, color: string) {
  return {
    geo: 'rectangle',
    dash: 'dashed',
    url: '',
    w,
    h,
    growY: 0,
    scale: 1,
    flipX: false,
    flipY: false,
    labelColor: 'black',
    color,
    fill: 'semi',
    size: 's',
    font: 'sans',
    align: 'start',
    verticalAlign: 'start',
    richText: toRichText(label),
  };
}

function labelProps(w: number, label: string, size: string) {
  return {
    color: 'black',
    size,
    font: 'sans',
    textAlign: 'start',
    w,
    richText: toRichText(label),
    scale: 1,
    autoSize: false,
  };
}

function noteProps(label: string, color: string) {
  return {
    color,
    labelColor: 'black',
    size: 's',
    font: 'sans',
    fontSizeAdjustment: 1,
    align: 'middle',
    verticalAlign: 'middle',
    growY: 0,
    url: '',
    richText: toRichText(label),
    scale: 1,
    textLastEditedBy: null,
  };
}
