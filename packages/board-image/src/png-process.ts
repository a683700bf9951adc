// The child process `render-board-png` runs resvg in: `node png-process.ts <zoom>`, the SVG on
// stdin, the PNG on stdout. resvg's native binding aborts the whole process on a Rust panic,
// so it never runs inside the server.
import { Resvg } from '@resvg/resvg-js';
import { BOARD_FONT_FILES, DEFAULT_FONT_FAMILY } from './board-fonts.ts';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const zoom = Number(process.argv[2]);

const image = new Resvg(Buffer.concat(chunks), {
  font: {
    fontFiles: [...BOARD_FONT_FILES],
    loadSystemFonts: false,
    defaultFontFamily: DEFAULT_FONT_FAMILY,
    sansSerifFamily: DEFAULT_FONT_FAMILY,
    serifFamily: DEFAULT_FONT_FAMILY,
    monospaceFamily: DEFAULT_FONT_FAMILY,
  },
  fitTo: { mode: 'zoom', value: Number.isFinite(zoom) && zoom > 0 ? zoom : 1 },
  logLevel: 'off',
}).render();
process.stdout.write(image.asPng());
