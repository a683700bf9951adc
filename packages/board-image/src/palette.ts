/**
 * tldraw 5's light theme (`DEFAULT_THEME` in `@tldraw/editor`) and size tables
 * (`default-shape-constants.ts` in `tldraw`), copied because both live in browser packages.
 */

/** The colours tldraw derives from one colour name. */
export interface PaletteColor {
  solid: string;
  semi: string;
  pattern: string;
  fill: string;
  linedFill: string;
  frameStroke: string;
  frameFill: string;
  frameHeadingStroke: string;
  frameHeadingFill: string;
  noteFill: string;
  highlight: string;
}

const c = (
  solid: string,
  semi: string,
  pattern: string,
  linedFill: string,
  frameStroke: string,
  frameFill: string,
  frameHeadingFill: string,
  noteFill: string,
  highlight: string,
): PaletteColor => ({
  solid,
  semi,
  pattern,
  fill: solid,
  linedFill,
  frameStroke,
  frameFill,
  frameHeadingStroke: frameStroke,
  frameHeadingFill,
  noteFill,
  highlight,
});

/** Light-theme colours by tldraw colour name. */
export const PALETTE: Readonly<Record<string, PaletteColor>> = {
  black: c('#1d1d1d', '#e8e8e8', '#494949', '#363636', '#717171', '#ffffff', '#ffffff', '#FCE19C', '#fddd00'),
  grey: c('#9fa8b2', '#eceef0', '#bcc3c9', '#bbc1c9', '#aaaaab', '#fcfcfd', '#fbfcfc', '#C0CAD3', '#cbe7f1'),
  'light-violet': c('#e085f4', '#f5eafa', '#e9acf8', '#e9abf7', '#e59bf5', '#fefbff', '#fefaff', '#DFB0F9', '#ff88ff'),
  violet: c('#ae3ec9', '#ecdcf2', '#bd63d3', '#be68d4', '#bc62d3', '#fdf9fd', '#fcf7fd', '#DB91FD', '#c77cff'),
  blue: c('#4465e9', '#dce1f8', '#6681ee', '#6580ec', '#6681ec', '#f9fafe', '#f9fafe', '#8AA3FF', '#10acff'),
  'light-blue': c('#4ba1f1', '#ddedfa', '#6fbbf8', '#7abaf5', '#6cb2f3', '#fafcff', '#f8fbfe', '#9BC4FD', '#00f4ff'),
  yellow: c('#f1ac4b', '#f9f0e6', '#fecb92', '#f5c27a', '#f3bb6c', '#fffdfa', '#fefcf8', '#FED49A', '#fddd00'),
  orange: c('#e16919', '#f8e2d4', '#f78438', '#ea8643', '#e68544', '#fef9f6', '#fef9f6', '#FAA475', '#ffa500'),
  green: c('#099268', '#d3e9e3', '#39a785', '#0bad7c', '#37a684', '#f8fcfa', '#f8fcfa', '#6FC896', '#00ffc8'),
  'light-green': c('#4cb05e', '#dbf0e0', '#65cb78', '#7ec88c', '#6dbe7c', '#fafdfa', '#f8fcf9', '#98D08A', '#65f641'),
  'light-red': c('#f87777', '#f4dadb', '#fe9e9e', '#f99a9a', '#f89090', '#fffbfb', '#fffafa', '#F7A5A1', '#ff7fa3'),
  red: c('#e03131', '#f4dadb', '#e55959', '#e75f5f', '#e55757', '#fef9f9', '#fef7f7', '#FC8282', '#ff636e'),
  white: c('#FFFFFF', '#f5f5f5', '#f9f9f9', '#ffffff', '#7d7d7d', '#ffffff', '#ffffff', '#FFFFFF', '#ffffff'),
};

/** Theme colours that belong to no colour name. */
export const THEME = {
  background: '#f9fafb',
  /** What tldraw's `semi` fill paints. */
  solid: '#fcfffe',
  text: '#000000',
  frameText: '#000000',
  noteText: '#000000',
  noteBorder: 'rgb(144, 144, 144)',
  fontSize: 16,
  lineHeight: 1.35,
  strokeWidth: 2,
} as const;

/** The palette entry of a colour name; unknown names are drawn black, as tldraw's validator would reset them. */
export function colorOf(name: unknown): PaletteColor {
  return (typeof name === 'string' && Object.hasOwn(PALETTE, name) ? PALETTE[name] : undefined) ?? PALETTE.black!;
}

const sizeTable = (s: number, m: number, l: number, xl: number) => ({ s, m, l, xl });
const pick = (table: Record<string, number>, size: unknown) =>
  typeof size === 'string' && Object.hasOwn(table, size) ? table[size]! : table.m!;

const STROKE_SIZES = sizeTable(1, 1.75, 2.5, 5);
const FONT_SIZES = sizeTable(1.125, 1.5, 2.25, 2.75);
const LABEL_FONT_SIZES = sizeTable(1.125, 1.375, 1.625, 2);
const ARROW_LABEL_FONT_SIZES = sizeTable(1.125, 1.25, 1.5, 1.75);

/** Stroke width of geo, arrow and line shapes of a size (`s`…`xl`). */
export const strokeWidthOf = (size: unknown) => THEME.strokeWidth * pick(STROKE_SIZES, size);
/** Font size of a text shape. */
export const textFontSizeOf = (size: unknown) => THEME.fontSize * pick(FONT_SIZES, size);
/** Font size of a note's or geo shape's label. */
export const labelFontSizeOf = (size: unknown) => THEME.fontSize * pick(LABEL_FONT_SIZES, size);
/** Font size of an arrow's label. */
export const arrowLabelFontSizeOf = (size: unknown) => THEME.fontSize * pick(ARROW_LABEL_FONT_SIZES, size);

/** Padding between a note's or geo shape's edge and its label. */
export const LABEL_PADDING = 16;
/** A note's side before it grows (`growY`) or is scaled. */
export const NOTE_SIZE = 200;
