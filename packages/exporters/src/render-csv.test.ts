import { describe, expect, it } from 'vitest';
import { extractReport } from './extract-report.ts';
import { expectGolden } from './golden.ts';
import { csvField, renderCsv } from './render-csv.ts';
import { goldenBoard, REDACTED_TEXT } from './testing.ts';

/** A minimal RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

describe('csvField', () => {
  it.each([
    ['=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
    ['+SUM(A1:A9)', `"'+SUM(A1:A9)"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(1)', `"'@SUM(1)"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\n=1+1"`],
    ['plain, with "quotes"', '"plain, with ""quotes"""'],
    ['a = b', '"a = b"'],
  ])('neutralises %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('renderCsv', () => {
  const { input } = goldenBoard();
  const csv = renderCsv(extractReport(input), input.t);

  it('writes one row per measure as the golden file shows it', () => {
    expectGolden('board.en.csv', csv);
  });

  it('starts with a BOM, ends lines with CRLF and keeps multi-line cells in one field', () => {
    expect(csv.startsWith('\uFEFF"No.",')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.length === 12)).toBe(true);
    expect(rows[3]![8]).toBe('Number of participants\nSatisfaction survey');
  });

  it('turns no cell into a formula and leaves hidden notes out', () => {
    const cells = parseCsv(csv.slice(1)).flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(cells).toContain("'=cmd|' /C calc'!A0");
    expect(csv).not.toContain(REDACTED_TEXT);
  });
});
