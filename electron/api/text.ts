/** Wording shared by every front door (CLI output and the renderer): counts with the right plural. */

/** "1 report", "2 reports", "0 reports"; `many` for irregular plurals ("1 entity", "2 entities"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
