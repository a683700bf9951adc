import { toRichText } from './rich-text.ts';

/**
 * A sticky note as the web client stores it in `tl_records`: a plain JSON tldraw record under
 * its own id (what the server's write policy accepts). For tests and the bench.
 */
export function noteRecord(
  id: string,
  parentId: string,
  x: number,
  y: number,
  text: string,
  { index = 'a5', color = 'yellow' }: { index?: string; color?: string } = {},
) {
  return {
    typeName: 'shape',
    id,
    type: 'note',
    x,
    y,
    rotation: 0,
    index,
    parentId,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      color,
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
  };
}
