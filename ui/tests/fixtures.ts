// Articles and editions of our own words for the browser tests of a reporter's first hour.
export const info = { version: '0.1.0', library_path: '/home/reporter/news/library.db', schema_version: 3, locale: 'ko-KR', article_count: 2 };

export const LONG_HEADLINE =
  '시의회가 내년 예산안을 두고 밤늦게까지 이어진 회의 끝에 항만 재정비 사업비를 절반으로 줄이기로 하면서 부두 상인들의 반발이 커지고 있다';
export const LONG_DECK =
  '상인회는 공청회를 다시 열어 달라고 요구했고, 시는 다음 달 안에 줄어든 사업의 순서를 정해 발표하겠다고 밝혔다. 부두 앞 도로 공사는 예정대로 봄에 시작한다.';

const counts = { chars: 412, chars_no_spaces: 330, words: 80, manuscript_pages: 2.1, reading_minutes: 2 };

export function articleFixture(n: number, headline: string, extra: Record<string, unknown> = {}) {
  const id = `0190c0de-0000-7000-8000-${String(n).padStart(12, '0')}`;
  const row = {
    id, kind: 'article', headline, status: 'draft', tags: [], created_at: '2026-11-27T09:00:00Z',
    updated_at: '2026-11-27T09:30:00Z', trashed_at: null, version: 3, chars: 412, body_text: '부두 상인들이 시청 앞에 모였다.',
  };
  const full = {
    ...row, deck: '', byline: { name: '한지우', email: 'jiwoo@newsroom.example' }, summary: '', section: '사회', language: 'ko',
    published_at: null, counts,
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '부두 상인들이 시청 앞에 모였다. 상인회장은 공청회를 다시 열어 달라고 했다.' }] }] },
    ...extra,
  };
  return { row, full };
}

export function roundupFixture(n: number, title: string) {
  const id = `0190c0de-0000-7000-9000-${String(n).padStart(12, '0')}`;
  const row = { id, kind: 'roundup', headline: title, status: 'draft', tags: [], created_at: '2026-11-27T09:00:00Z', updated_at: '2026-11-27T09:30:00Z', trashed_at: null, version: 2, chars: 120, body_text: '' };
  const full = {
    ...row, title, edition_date: '2026-11-28', transition: '이어 주말 소식입니다.',
    lead: { article_id: null, headline: '', body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '이번 주에는 항만 예산을 두고 말이 많았습니다.' }] }] } },
    items: [{ article_id: null, headline: '부두 시장 새벽 경매 재개', summary: '새벽 경매가 석 달 만에 다시 열렸다. 상인들은 손님이 돌아오기를 기대한다.', link: null, drafted: false }],
    signoff: { outlet: '항구일보', email: 'desk@harbour.example' }, body: null,
  };
  return { row, full };
}

/** Two articles (one with a long headline and deck) and one edition. */
export function library() {
  const a1 = articleFixture(1, LONG_HEADLINE, { deck: LONG_DECK });
  const a2 = articleFixture(2, 'Tide tables and town budgets', { language: 'en', byline: { name: 'Sam Reyes', email: 'sam@newsroom.example' } });
  const r1 = roundupFixture(3, '주말판 11월 넷째 주');
  return { info, articles: [a1.row, a2.row, r1.row], full: { [a1.row.id]: a1.full, [a2.row.id]: a2.full, [r1.row.id]: r1.full } };
}
