import { plainTextOf as richPlainTextOf } from '@talkoot/protocol';

/**
 * Plain text of a shape's text props: its rich text read by the one reader all of Talkoot uses;
 * older records with a string `text` prop are read as they are.
 */
export function plainTextOf(props: { richText?: unknown; text?: unknown } | undefined): string {
  if (!props) return '';
  if (props.richText === undefined) return typeof props.text === 'string' ? props.text.trim() : '';
  return richPlainTextOf(props.richText);
}
