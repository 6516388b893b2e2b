/**
 * Small-number suppression for published tables, so that a report cannot identify a person.
 *
 * Primary suppression: every count under the threshold (3) is hidden and shown as "<3" (zero too:
 * "none of the three women from X …" says something about each of them).
 *
 * Secondary suppression: a hidden count must not be recoverable from the figures that are shown.
 * Each additive relation (a total and its parts: a row total and its columns, the overall row and
 * the country rows) is one equation; a reader also knows that a "<3" cell lies in [0, 2] and that a
 * cell hidden for the sake of another ("..") is at least 3. While some hidden cell's value is pinned
 * to one number by an equation, the smallest figure still shown in that equation is hidden as well.
 * Cells that are the same quantity in two tables are linked: hidden in one, hidden in both.
 *
 * Each equation is checked on its own (not the whole system at once); the tables here are built so
 * that this is enough: every hidden cell ends up with a range of at least two values in each one.
 */

export type CellId = string;

export interface SuppressionInput {
  values: ReadonlyMap<CellId, number>;
  /** `total = sum(parts)` relations between cells. */
  groups: ReadonlyArray<{ total: CellId; parts: readonly CellId[] }>;
  /** Sets of cells that hold the same quantity (shown in more than one table). */
  links?: ReadonlyArray<readonly CellId[]>;
  threshold?: number;
}

export type Suppression = 'primary' | 'secondary';

export const DEFAULT_THRESHOLD = 3;

/** Which cells to hide, and why. Cells not in the result are shown. */
export function suppress(input: SuppressionInput): Map<CellId, Suppression> {
  const threshold = input.threshold ?? DEFAULT_THRESHOLD;
  const hidden = new Map<CellId, Suppression>();
  const value = (id: CellId): number => {
    const v = input.values.get(id);
    if (v === undefined) throw new Error(`suppression: no value for cell ${id}`);
    return v;
  };
  for (const [id, v] of input.values) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`suppression: cell ${id} is not a count`);
    if (v < threshold) hidden.set(id, 'primary');
  }
  const hide = (id: CellId): void => {
    if (!hidden.has(id)) hidden.set(id, value(id) < threshold ? 'primary' : 'secondary');
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (const link of input.links ?? []) {
      if (link.some((id) => hidden.has(id)) && link.some((id) => !hidden.has(id))) {
        link.forEach(hide);
        changed = true;
      }
    }
    for (const group of input.groups) {
      const terms = [{ id: group.total, sign: -1 }, ...group.parts.map((id) => ({ id, sign: 1 }))];
      if (!terms.some((t) => hidden.has(t.id))) continue;
      if (!someHiddenIsPinned(terms, hidden, value, threshold)) continue;
      // Hide the smallest part still shown, or the total when every part is hidden already.
      const shownParts = group.parts.filter((id) => !hidden.has(id));
      const next = shownParts.length
        ? shownParts.reduce((a, b) => (value(b) < value(a) ? b : a))
        : hidden.has(group.total)
          ? undefined
          : group.total;
      if (next !== undefined) {
        hide(next);
        changed = true;
      }
    }
  }
  return hidden;
}

interface Term {
  id: CellId;
  sign: number;
}

/** Whether one equation `Σ sign·x = 0` pins some hidden cell to a single value. */
function someHiddenIsPinned(terms: Term[], hidden: ReadonlyMap<CellId, Suppression>, value: (id: CellId) => number, threshold: number): boolean {
  const known = terms.filter((t) => !hidden.has(t.id)).reduce((sum, t) => sum + t.sign * value(t.id), 0);
  const unknown = terms
    .filter((t) => hidden.has(t.id))
    .map((t) => {
      const [lo, hi] = hidden.get(t.id) === 'primary' ? [0, threshold - 1] : [threshold, Infinity];
      // Range of sign·x.
      return { sign: t.sign, lo: t.sign > 0 ? lo : -hi, hi: t.sign > 0 ? hi : -lo, xLo: lo, xHi: hi };
    });
  // Σ over unknowns of sign·x = -known.
  const target = -known;
  return unknown.some((u) => {
    // Summed over the others directly: infinities do not subtract.
    const others = unknown.filter((o) => o !== u);
    const restLo = others.reduce((s, o) => s + o.lo, 0);
    const restHi = others.reduce((s, o) => s + o.hi, 0);
    // sign·x = target − rest, so sign·x ∈ [target − restHi, target − restLo].
    const sLo = target - restHi;
    const sHi = target - restLo;
    const lo = Math.max(u.xLo, u.sign > 0 ? sLo : -sHi);
    const hi = Math.min(u.xHi, u.sign > 0 ? sHi : -sLo);
    return Number.isFinite(lo) && lo === hi;
  });
}
