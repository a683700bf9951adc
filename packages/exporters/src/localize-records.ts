import { localizeTemplateText, shapeTextSource, toRichText, type TemplateTextReader } from '@talkoot/templates';
import { plainTextOf } from './plain-text.ts';

/**
 * A stored board's records with every template text in the reader's (the document's)
 * language, the way the web app shows it (see `localizeTemplateText`); rewritten texts and
 * everything else unchanged. Shapes in `keep` (hidden notes) keep their stored text, so what
 * hides them still recognises it.
 */
export function localizeTemplateRecords(
  records: Iterable<unknown>,
  reader: TemplateTextReader,
  keep: ReadonlySet<string> = new Set(),
): unknown[] {
  const out: unknown[] = [];
  for (const record of records) out.push(localizeRecord(record, reader, keep));
  return out;
}

function localizeRecord(record: unknown, reader: TemplateTextReader, keep: ReadonlySet<string>): unknown {
  if (typeof record !== 'object' || record === null) return record;
  const r = record as { typeName?: unknown; id?: unknown; type?: unknown; props?: unknown; meta?: unknown };
  if (r.typeName !== 'shape' || typeof r.id !== 'string' || keep.has(r.id)) return record;
  if (typeof r.props !== 'object' || r.props === null) return record;
  const source = shapeTextSource({ id: r.id, meta: r.meta as { talkoot?: unknown } });
  if (!source) return record;
  const props = r.props as Record<string, unknown>;
  if (r.type === 'frame') {
    if (typeof props.name !== 'string') return record;
    const name = localizeTemplateText(props.name, source, reader);
    return name === props.name ? record : { ...r, props: { ...props, name } };
  }
  if (props.richText === undefined) return record;
  const stored = plainTextOf(props);
  const shown = localizeTemplateText(stored, source, reader);
  return shown === stored ? record : { ...r, props: { ...props, richText: toRichText(shown) } };
}
