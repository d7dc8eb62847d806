/**
 * The names of the contract's methods, and nothing else: no zod, no types beyond the names, so
 * that the sandboxed preload can check a method name without bundling the schemas. The schemas
 * (contract.ts) are keyed by exactly this list; the type checker keeps the two in step.
 */
export const METHOD_NAMES = [
  'notebook.info',
  'notebook.stats',
  'notebook.check',
  'notebook.gc',
  'reports.import',
  'reports.importFiles',
  'reports.importStart',
  'reports.importStatus',
  'reports.importCancel',
  'reports.list',
  'reports.page',
  'reports.get',
  'reports.body',
  'reports.update',
  'reports.delete',
  'reports.restore',
  'reports.citation',
  'reports.trash',
  'reports.mentions',
  'tags.list',
  'tags.add',
  'tags.remove',
  'search.query',
  'search.locate',
  'search.quick',
  'search.prepare',
  'notes.create',
  'notes.update',
  'notes.delete',
  'notes.restore',
  'notes.list',
  'notes.get',
  'notes.links',
  'notes.quote',
  'entities.create',
  'entities.update',
  'entities.delete',
  'entities.list',
  'entities.get',
  'entities.addAlias',
  'entities.tagSelection',
  'entities.scan',
  'entities.candidates',
  'entities.spellings',
  'entities.rejectSpelling',
  'entities.rename',
  'entities.suggest',
  'entities.accept',
  'entities.merge',
  'entities.mentions',
  'entities.cooccurrence',
  'export.notes',
  'export.all',
  'ui.get',
  'ui.set',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

/** The desktop app's one method outside the contract: open a link in the system browser (after asking). */
export const OPEN_EXTERNAL = 'app.openExternal';

const known: ReadonlySet<string> = new Set(METHOD_NAMES);

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && known.has(name);
}
