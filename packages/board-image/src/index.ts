export { BOARD_FONT_FILES } from './board-fonts.ts';
export { FrameNotFoundError, renderBoardSvg } from './render-board-svg.ts';
export type { BoardSvg, RenderBoardSvgOptions } from './render-board-svg.ts';
export { BoardImageRenderError, renderBoardPng, renderBoardPngAsync } from './render-board-png.ts';
export type { RenderBoardPngOptions } from './render-board-png.ts';
export { richTextToParagraphs } from './rich-text-to-paragraphs.ts';
