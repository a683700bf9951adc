import { describe, expect, it } from 'vitest';
import { extractReport } from './extract-report.ts';
import { expectGolden } from './golden.ts';
import { renderJson } from './render-json.ts';
import { REPORT_FORMAT, REPORT_VERSION, reportSchema } from './report.ts';
import { goldenBoard } from './testing.ts';

describe('renderJson', () => {
  const { input } = goldenBoard();
  const json = renderJson(extractReport(input));

  it('writes the complete report as the golden file shows it', () => {
    expectGolden('board.en.json', json);
  });

  it('is versioned and parses with the exported schema', () => {
    const parsed = reportSchema.parse(JSON.parse(json));
    expect(parsed).toMatchObject({ format: REPORT_FORMAT, version: REPORT_VERSION, language: 'en', direction: 'ltr' });
    expect(parsed.actionPlan).toHaveLength(3);
  });

  it('refuses a report that does not match its schema', () => {
    const broken = { ...extractReport(input), version: 99 } as never;
    expect(() => renderJson(broken)).toThrow();
  });
});
