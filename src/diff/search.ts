/**
 * The search: assign the dimensions one by one, keep every statement's status three-valued (false / true / not yet
 * known), and prune as soon as the new policy can no longer allow or the old one surely allows. Later dimensions do
 * not depend on earlier choices, so a subtree's outcome depends only on (depth, statuses): failed states are
 * remembered. Exhausting the search without a hit is the proof (PASS); a hit is a region vector, i.e. a request.
 */
import { BudgetExceeded, type DiffModel } from './model.js';

/** Shared by the searches of one diff; decremented as they run. */
export interface SearchBudget {
  nodesLeft: number;
  /** `Date.now()` past which the search gives up. */
  deadline: number;
  nodesVisited: number;
}

const F = 0;
const T = 1;
const U = 2;

/**
 * Finds an assignment (one representative index per dimension) under which the new policy allows and the old one
 * does not; with `requireStatement`, one where that new Allow statement applies. Null when none exists.
 */
export function searchNewAccess(model: DiffModel, budget: SearchBudget, requireStatement?: number): number[] | null {
  const n = model.statements.length;
  const depthCount = model.dims.length;
  const perDim: Array<Array<{ s: number; table: Uint8Array }>> = model.dims.map(() => []);
  const remaining = new Int32Array(n);
  const falseCount = new Int32Array(n);
  // Statements that still have atoms at depth d or later: only their statuses can change below depth d.
  const lastDim = new Int32Array(n).fill(-1);
  model.statements.forEach((st, s) => {
    if (st.never) falseCount[s] = 1;
    for (const atom of st.atoms) {
      perDim[atom.dim].push({ s, table: atom.table });
      remaining[s]++;
      lastDim[s] = Math.max(lastDim[s], atom.dim);
    }
  });
  const pending: number[][] = Array.from({ length: depthCount + 1 }, () => []);
  for (let s = 0; s < n; s++) for (let d = 0; d <= lastDim[s]; d++) pending[d].push(s);

  // Counters by group (0 new Allow, 1 new Deny, 2 old Allow, 3 old Deny) and status.
  const group = model.statements.map((st) => (st.side === 'new' ? 0 : 2) + (st.allow ? 0 : 1));
  const counts = [new Int32Array(3), new Int32Array(3), new Int32Array(3), new Int32Array(3)];
  const status = (s: number): number => (falseCount[s] > 0 ? F : remaining[s] === 0 ? T : U);
  for (let s = 0; s < n; s++) counts[group[s]][status(s)]++;
  const requiredTables: Uint8Array[][] = model.dims.map(() => []);
  if (requireStatement !== undefined) for (const atom of model.statements[requireStatement].atoms) requiredTables[atom.dim].push(atom.table);
  const choice = new Array<number>(depthCount).fill(0);
  const failed = new Set<string>();

  function dead(): boolean {
    if (counts[1][T] > 0) return true; // a new Deny surely applies
    if (counts[0][T] + counts[0][U] === 0) return true; // no new Allow can apply
    if (requireStatement !== undefined && falseCount[requireStatement] > 0) return true;
    return counts[2][T] > 0 && counts[3][T] + counts[3][U] === 0; // the old policy surely allows
  }

  function stateKey(depth: number): string {
    // INVARIANT: below `depth` only pending statements change; false ones stay false, and true ones matter only
    // through the three flags (a true new Deny is pruned by dead()).
    let key = `${depth}:${counts[0][T] > 0 ? 1 : 0}${counts[2][T] > 0 ? 1 : 0}${counts[3][T] > 0 ? 1 : 0}:`;
    for (const s of pending[depth]) if (falseCount[s] === 0) key += `${s},`;
    return key;
  }

  function assign(depth: number, r: number, delta: 1 | -1): void {
    for (const { s, table } of perDim[depth]) {
      const g = counts[group[s]];
      g[status(s)]--;
      remaining[s] -= delta;
      if (table[r] === 0) falseCount[s] += delta;
      g[status(s)]++;
    }
  }

  function dfs(depth: number): boolean {
    if (--budget.nodesLeft < 0) throw new BudgetExceeded('search nodes');
    budget.nodesVisited++;
    if ((budget.nodesVisited & 1023) === 0 && Date.now() > budget.deadline) throw new BudgetExceeded('time');
    if (dead()) return false;
    if (depth === depthCount) return true;
    const key = stateKey(depth);
    if (failed.has(key)) return false;
    const count = model.dims[depth].values.length;
    const required = requiredTables[depth];
    next: for (let r = 0; r < count; r++) {
      // Cheap pre-check: representatives that falsify the required statement need no update at all.
      for (const table of required) if (table[r] === 0) continue next;
      choice[depth] = r;
      assign(depth, r, 1);
      const hit = !dead() && dfs(depth + 1);
      assign(depth, r, -1);
      if (hit) return true;
    }
    failed.add(key);
    return false;
  }

  return dfs(0) ? [...choice] : null;
}
