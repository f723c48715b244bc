// The full-trace pager's state (pure reducer): which line is on top, the page height, and follow mode.

export interface PagerState {
  top: number;
  total: number;
  page: number;
  /** Stick to the end as lines arrive (on at start, and after `G`; off when scrolled up). */
  follow: boolean;
}

export type PagerAction =
  | { type: 'lines'; total: number }
  | { type: 'resize'; page: number }
  | { type: 'scroll'; by: number }
  | { type: 'pageDown' }
  | { type: 'pageUp' }
  | { type: 'top' }
  | { type: 'bottom' };

export const initialPager = (page: number): PagerState => ({ top: 0, total: 0, page: Math.max(1, page), follow: true });

const lastTop = (s: PagerState) => Math.max(0, s.total - s.page);

function at(s: PagerState, top: number): PagerState {
  const t = Math.max(0, Math.min(top, lastTop(s)));
  return { ...s, top: t, follow: t >= lastTop(s) };
}

export function pagerReducer(s: PagerState, a: PagerAction): PagerState {
  switch (a.type) {
    case 'lines': {
      const next = { ...s, total: a.total };
      return s.follow ? { ...next, top: lastTop(next) } : at(next, s.top);
    }
    case 'resize': {
      const next = { ...s, page: Math.max(1, a.page) };
      return s.follow ? { ...next, top: lastTop(next) } : at(next, s.top);
    }
    case 'scroll':
      return at(s, s.top + a.by);
    case 'pageDown':
      return at(s, s.top + s.page);
    case 'pageUp':
      return at(s, s.top - s.page);
    case 'top':
      return at(s, 0);
    case 'bottom':
      return { ...s, top: lastTop(s), follow: true };
  }
}
