/** Median, quartiles and percentiles of a sample (linear interpolation between order statistics, as spreadsheets do). */

export function quantile(sample: readonly number[], q: number): number {
  if (sample.length === 0) throw new Error('quantile of an empty sample');
  const sorted = [...sample].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  const high = sorted[above]!;
  return low + (high - low) * (position - below);
}

export function quartiles(sample: readonly number[]): { q1: number; median: number; q3: number } {
  return { q1: quantile(sample, 0.25), median: quantile(sample, 0.5), q3: quantile(sample, 0.75) };
}
