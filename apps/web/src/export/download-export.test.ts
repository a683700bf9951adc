import { describe, expect, it } from 'vitest';
import { exportUrl, fileNameOf } from './download-export.ts';

describe('export downloads', () => {
  it('ask for the chosen format, language and names, and a frame when given', () => {
    expect(exportUrl('b/1', { format: 'docx', language: 'ar', names: false })).toBe(
      '/api/boards/b%2F1/export?format=docx&lang=ar&names=0',
    );
    expect(exportUrl('b1', { format: 'png', language: 'fi', names: true, frameId: 'shape:x' })).toBe(
      '/api/boards/b1/export?format=png&lang=fi&names=1&frame=shape%3Ax',
    );
  });

  it('take the file name from Content-Disposition, UTF-8 name first', () => {
    expect(fileNameOf(`attachment; filename="Caf-2026.docx"; filename*=UTF-8''Caf%C3%A9-2026.docx`, 'x')).toBe(
      'Café-2026.docx',
    );
    expect(fileNameOf('attachment; filename="plan.csv"', 'x')).toBe('plan.csv');
    expect(fileNameOf(null, 'talkoot.md')).toBe('talkoot.md');
    expect(fileNameOf(`attachment; filename*=UTF-8''%E0%A4%A`, 'fallback.md')).toBe('fallback.md');
  });
});
