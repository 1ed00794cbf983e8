import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../src/common/csv.js';

describe('parseCsv', () => {
  it('parses quotes, escaped quotes, embedded commas and newlines, CRLF and a BOM', () => {
    const records = parseCsv('\uFEFFa,b,c\r\n"x, y","he said ""hi""","multi\nline"\n\nlast,,\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'he said "hi"', 'multi\nline'] },
      { line: 5, fields: ['last', '', ''] },
    ]);
  });

  it('handles a last line without a newline and Chinese text', () => {
    expect(parseCsv('名字,备注\n张三,"你好,世界"')).toEqual([
      { line: 1, fields: ['名字', '备注'] },
      { line: 2, fields: ['张三', '你好,世界'] },
    ]);
  });

  it('reports unterminated quotes and junk after a closing quote with their line', () => {
    expect(() => parseCsv('a\n"open,field\nmore')).toThrow(
      new CsvSyntaxError(2, 'unterminated quoted field'),
    );
    expect(() => parseCsv('a\n"x"y,z')).toThrow(
      /line 2: unexpected character after a closing quote/,
    );
  });
});
