import { describe, expect, it } from 'vitest';
import { errorText } from '../src/lib/errors';
import { i18n } from '../src/lib/i18n/index.svelte';

describe('errorText', () => {
  it("says a file's refusal in the interface's words, with the file's name in front", () => {
    i18n.lang = 'ko';
    const said = errorText({
      kind: 'file',
      message: '/home/reporter/desk: shared/book.toml: the style book was not changed: line 3, column 11: invalid value',
    });
    expect(said.text).toBe('book.toml: 표기 원칙을 바꾸지 않았습니다: 3번째 줄 11번째 칸을 읽을 수 없습니다');
    expect(said.detail).toContain('line 3');
    i18n.lang = 'en';
    expect(errorText({ kind: 'file', message: '/x/y.toml: something no one knows' }).text).toBe('/x/y.toml: something no one knows');
  });
});
