import { writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { BOARD_FONT_FILES } from './src/board-fonts.ts';
import { renderBoardPng, renderBoardSvg } from './src/index.ts';
import { journeyBoard, JOURNEY } from './src/testing.ts';
const records = journeyBoard();
let t = performance.now();
const full = renderBoardSvg(records, { redactedShapeIds: new Set([JOURNEY.secretNote]), redactedLabel: 'Hidden' });
console.log('svg', full.width, full.height, full.svg.length, performance.now() - t);
t = performance.now();
writeFileSync('/tmp/bi/board.svg', full.svg);
writeFileSync('/tmp/bi/board.png', renderBoardPng(full.svg, { scale: 0.5 }));
console.log('png', performance.now() - t);
const frame = renderBoardSvg(records, { frameId: JOURNEY.frame });
writeFileSync('/tmp/bi/frame.svg', frame.svg);
writeFileSync('/tmp/bi/frame-crop.png', renderBoardPng(frame.svg, { scale: 1 }));
console.log(frame.width, frame.height);
const view = (svg: string, file: string, zoom: number, left: number, top: number, right: number, bottom: number) =>
  writeFileSync(
    file,
    new Resvg(svg, {
      font: { fontFiles: [...BOARD_FONT_FILES], loadSystemFonts: false },
      fitTo: { mode: 'zoom', value: zoom },
      crop: { left, top, right, bottom },
    })
      .render()
      .asPng(),
  );
view(full.svg, '/tmp/bi/crop.png', 1.5, 600 * 1.5, 1650 * 1.5, 1500 * 1.5, 2000 * 1.5);
view(full.svg, '/tmp/bi/crop2.png', 1.5, 400 * 1.5, 300 * 1.5, 1500 * 1.5, 700 * 1.5);
