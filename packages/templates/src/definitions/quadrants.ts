import type { LayoutChild, TemplateColor } from '../template-definition.ts';

/** One quadrant of a 2×2 matrix, placed by its row (0 = top) and column (0 = left). */
export interface Quadrant {
  quadrant: string;
  row: 0 | 1;
  column: 0 | 1;
  color: TemplateColor;
}

const PAD = 40;
const AXIS = 90;
const GAP = 20;

/**
 * The inside of a 2×2 matrix frame: four labelled quadrants plus the two axis labels (the
 * vertical axis grows upwards, the horizontal one to the right).
 */
export function quadrantChildren(options: {
  templateKey: string;
  quadrants: readonly Quadrant[];
  verticalAxis: string;
  horizontalAxis: string;
  w: number;
  h: number;
}): LayoutChild[] {
  const { templateKey, w, h } = options;
  const cellW = (w - PAD * 2 - AXIS - GAP) / 2;
  const cellH = (h - PAD * 2 - AXIS - GAP) / 2;
  const children: LayoutChild[] = options.quadrants.map(({ quadrant, row, column, color }) => ({
    kind: 'area',
    slug: `matrix.${quadrant}`,
    x: PAD + AXIS + column * (cellW + GAP),
    y: PAD + row * (cellH + GAP),
    w: cellW,
    h: cellH,
    label: { key: `${templateKey}.quadrant.${quadrant}` },
    color,
    tags: { part: 'quadrant', quadrant },
  }));
  children.push(
    {
      kind: 'label',
      slug: `matrix.axis.${options.verticalAxis}`,
      x: PAD,
      y: PAD,
      w: AXIS - 10,
      text: { key: `${templateKey}.axis.${options.verticalAxis}` },
      size: 's',
      tags: { part: 'axis', axis: options.verticalAxis },
    },
    {
      kind: 'label',
      slug: `matrix.axis.${options.horizontalAxis}`,
      x: w - PAD - cellW,
      y: h - PAD - AXIS + 30,
      w: cellW,
      text: { key: `${templateKey}.axis.${options.horizontalAxis}` },
      size: 's',
      tags: { part: 'axis', axis: options.horizontalAxis },
    },
  );
  return children;
}
