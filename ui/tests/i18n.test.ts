import { describe, expect, it } from 'vitest';
import { en } from '../src/lib/i18n/en';
import { ko } from '../src/lib/i18n/ko';
import { langFromLocale } from '../src/lib/i18n/index.svelte';

describe('interface text', () => {
  it('has the same keys in Korean and English, none empty', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(ko)) expect(text.trim(), key).not.toBe('');
  });

  it('keeps every placeholder in both languages', () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(holes(ko[key]), key).toEqual(holes(en[key]));
    }
  });

  it('picks Korean for Korean locales and English otherwise', () => {
    expect(langFromLocale('ko_KR.UTF-8')).toBe('ko');
    expect(langFromLocale('ko-KR')).toBe('ko');
    expect(langFromLocale('en_US.UTF-8')).toBe('en');
    expect(langFromLocale('de-DE')).toBe('en');
    expect(langFromLocale(undefined)).toBe('en');
  });
});
