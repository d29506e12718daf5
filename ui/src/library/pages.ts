// The library list as pages fetched on demand: the pane shows 100k articles by asking only
// for the rows in view (and a margin), never for the whole list.
import type { ArticleSummary } from './../lib/types';

export const PAGE_SIZE = 100;

export class PagedList {
  total = 0;
  private pages = new Map<number, ArticleSummary[]>();
  private pending = new Map<number, Promise<void>>();
  private generation = 0;

  constructor(private readonly fetchPage: (offset: number, limit: number) => Promise<{ rows: ArticleSummary[]; total: number }>) {}

  /** Forgets every page (the filter, sort or content changed) and reads the first one. */
  async reset(): Promise<void> {
    this.generation += 1;
    this.pages.clear();
    this.pending.clear();
    await this.ensure(0, 1);
  }

  /** The row at `index`, or null while its page is loading. */
  row(index: number): ArticleSummary | null {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE] ?? null;
  }

  /** The index of a loaded row with this id, or -1. */
  indexOf(id: string): number {
    for (const [page, rows] of this.pages) {
      const at = rows.findIndex((r) => r.id === id);
      if (at >= 0) return page * PAGE_SIZE + at;
    }
    return -1;
  }

  /** Loads the pages covering rows [from, to). */
  async ensure(from: number, to: number): Promise<void> {
    const first = Math.max(0, Math.floor(from / PAGE_SIZE));
    const last = Math.max(first, Math.floor(Math.max(from, to - 1) / PAGE_SIZE));
    const waits: Promise<void>[] = [];
    for (let page = first; page <= last; page++) {
      if (this.pages.has(page)) continue;
      if (page > 0 && page * PAGE_SIZE >= this.total) break;
      let p = this.pending.get(page);
      if (!p) {
        const generation = this.generation;
        p = this.fetchPage(page * PAGE_SIZE, PAGE_SIZE).then(({ rows, total }) => {
          if (generation !== this.generation) return;
          this.pages.set(page, rows);
          this.total = total;
          this.pending.delete(page);
        });
        this.pending.set(page, p);
      }
      waits.push(p);
    }
    await Promise.all(waits);
  }
}
