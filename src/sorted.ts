// Binary search over an ascending list of numbers (line starts, page lines, block numbers).

/** The index of the last entry of an ascending list at or below `value` (0 when none is). */
export function indexAtOrBefore(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
