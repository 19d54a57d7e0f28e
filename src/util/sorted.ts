/** Whether `v` is one of the numbers of `sorted` (ascending): a binary search. */
export function sortedIncludes(sorted: Float64Array, v: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = sorted[mid]!;
    if (at === v) return true;
    if (at < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
