// One formatter for every date shown: toLocaleDateString builds a new one per call (slow in long lists).
const DATE = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return DATE.format(d);
}

// Counts with the user's thousands separators ("250,000 reports", not "250000").
const COUNT = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return COUNT.format(n);
}
