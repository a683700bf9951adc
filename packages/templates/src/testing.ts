// Helpers for this package's tests. Not exported from the package.
import { RESOURCES } from '@talkoot/locales';
import type { TLShape } from '@tldraw/tlschema';
import { toRichText } from './rich-text.ts';
import { TEMPLATE_SCHEMA, type Translate } from './to-tldraw-records.ts';

/** A `t` over the locale files with English fallback, like the server's i18next instance. */
export function translator(language: string): Translate {
  return (key, values) =>
    (RESOURCES[language]?.[key] ?? RESOURCES.en?.[key] ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) =>
      String(values?.[name] ?? ''),
    );
}

/** A sticky note as the web client writes it, inside `parentId` at (x, y). */
export function testNote(id: string, parentId: string, x: number, y: number, text: string): TLShape {
  return TEMPLATE_SCHEMA.types.shape.create({
    id,
    type: 'note',
    x,
    y,
    parentId,
    index: 'a5',
    props: {
      color: 'yellow',
      labelColor: 'black',
      size: 'm',
      font: 'draw',
      fontSizeAdjustment: 1,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      richText: toRichText(text),
      scale: 1,
      textLastEditedBy: null,
    },
  } as never) as TLShape;
}
