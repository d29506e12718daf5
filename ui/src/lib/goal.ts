// A length goal shown as progress in the counts (the goal itself is core's: model/length_goal.rs).
import type { Counts, LengthGoal } from './types';

export interface GoalProgress {
  /** The count the goal is measured in: characters with spaces, or 원고지 pages. */
  current: number;
  target: number;
  /** 0 to 100, rounded down; over 100 when the piece runs long. */
  percent: number;
  over: boolean;
}

export function goalProgress(goal: LengthGoal, counts: Counts): GoalProgress {
  const current = goal.unit === 'pages' ? Math.round(counts.manuscript_pages * 10) / 10 : counts.chars;
  const target = goal.amount;
  const percent = target > 0 ? Math.floor((current / target) * 100) : 0;
  return { current, target, percent, over: current > target };
}
