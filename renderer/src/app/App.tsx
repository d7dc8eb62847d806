/**
 * The researcher's workspace: banner (search, menu, theme), library navigation, a virtualized
 * list, the content (reader, note, entity, link chart, search results) and a details panel.
 */
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { hasTag, type EntityRecord, type NoteSummary, type ReportRecord, type SearchResultItem } from '../../../electron/api';
import { plural } from '../../../electron/api/text';
import { CommandRegistry, formatShortcut, registerWorkspaceCommands, type Command, type WorkspaceActions } from '../commands';
import { EntityPage, NewEntityForm } from '../features/entities/EntityPage';
import { ExportDialogBody } from '../features/export/ExportDialog';
import { LinkChart } from '../features/graph/LinkChart';
import { ImportDialogBody } from '../features/import/ImportDialog';
import { ListPane, type ListItem, type PagedSource, type PageSort } from '../features/library/ListPane';
import { Sidebar } from '../features/library/Sidebar';
import { NoteView } from '../features/notes/NoteEditor';
import { Palette } from '../features/palette/Palette';
import { Reader } from '../features/reader/Reader';
import { SearchBox } from '../features/search/SearchBox';
import { NO_FILTERS, SearchResults, toQuery, type SearchFilters } from '../features/search/SearchResults';
import { TrashView } from '../features/reader/TrashView';
import { useEntities, useNotes, useReportCount, useTags } from '../features/search/useLibraryData';
import { useSearchReady } from '../features/search/useSearchReady';
import { AsideSlot } from '../ui/Aside';
import { ErrorBoundary, PaneBoundary } from '../ui/ErrorBoundary';
import { formatCount } from '../ui/format';
import { Modal } from '../ui/Modal';
import { Splitter } from '../ui/Splitter';
import { ToastProvider, useToasts } from '../ui/Toasts';
import '../styles/app.css';
import type { AppApi } from './api';
import { useHashRoute, useMouseHistoryButtons } from './history';
import { fitPanes, NARROW, PANE_LIMITS, SINGLE, usePanes, useWindowWidth } from './panes';
import { RawRecord } from './RawRecord';
import { useRecent } from './recent';
import { routeFor, useWorkspace, WorkspaceContext, type DialogState, type Route, type Section, type Workspace } from './workspace';

const NO_HITS: SearchResultItem[] = [];

type Theme = 'system' | 'light' | 'dark';
const THEME_KEY = 'dossier.theme';
const FOLLOW_KEY = 'dossier.listFollowsSearch';
const SECTION_KEY = 'dossier.section';

function loadSection(): Section {
  try {
    const s = JSON.parse(sessionStorage.getItem(SECTION_KEY) ?? 'null') as Section | null;
    if (s && typeof s === 'object' && ['reports', 'notes', 'entities', 'tag', 'recent', 'search'].includes(s.kind)) return s;
  } catch {
    /* the default list */
  }
  return { kind: 'reports' };
}

function systemDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

export function App({ api }: { api: AppApi | null }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 } } }));
  if (!api) {
    return (
      <main className="no-backend">
        <h1>Dossier</h1>
        <div className="error" role="alert">
          <p>This page needs the access token from the address Dossier printed.</p>
          <p>
            Start the browser mode with <code>npm run web</code> and open the full <code>http://127.0.0.1:…/#token=…</code> address it prints.
          </p>
        </div>
      </main>
    );
  }
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>
        <WorkspaceShell api={api} />
      </ToastProvider>
    </QueryClientProvider>
  );
}

function reportItem(r: ReportRecord): ListItem {
  return { kind: 'report', id: r.id, title: r.title, date: r.publishedAt, imported: r.importedAt, detail: r.format, tags: r.tags };
}

/** The list's orders as reports.page names them. */
const PAGE_SORT = { 'date-desc': 'published', 'date-asc': 'published-asc', 'imported-desc': 'imported', title: 'title' } as const satisfies Record<PageSort, string>;

/** The reports of a section, a page at a time from the back end (none for notes, entities and search results). */
function reportPages(api: AppApi, section: Section): PagedSource | undefined {
  if (section.kind !== 'reports' && section.kind !== 'recent' && section.kind !== 'tag') return undefined;
  const tag = section.kind === 'tag' ? section.tag : undefined;
  return {
    key: ['reports', 'page', tag ?? null],
    load: async ({ sort, text, offset, limit }) => {
      const page = await api['reports.page']({ tag, text: text || undefined, sort: PAGE_SORT[sort], offset, limit });
      return { total: page.total, items: page.items.map(reportItem) };
    },
  };
}

/** The rows a section holds apart from its paged reports. */
function toItems(section: Section, notes: NoteSummary[] = [], entities: EntityRecord[] = [], hits: SearchResultItem[] = []): ListItem[] {
  switch (section.kind) {
    case 'reports':
    case 'recent':
      return [];
    case 'tag':
      return notes
        .filter((n) => hasTag(n.tags, section.tag))
        .map((n) => ({ kind: 'note' as const, id: n.id, title: n.title, date: n.updatedAt.slice(0, 10), detail: 'note', tags: n.tags }));
    case 'notes':
      return notes.map((n) => ({ kind: 'note', id: n.id, title: n.title, date: n.updatedAt.slice(0, 10), detail: `${formatCount(n.chars)} characters`, tags: n.tags }));
    case 'entities':
      return entities
        .filter((e) => !section.type || e.type === section.type)
        .map((e) => ({ kind: 'entity', id: e.id, title: e.name, date: null, detail: `${e.type} · ${plural(e.mentions, 'mention')}`, tags: e.aliases }));
    case 'search':
      return hits.map((h) => ({ kind: h.kind, id: h.id, title: h.title, date: h.date, detail: h.kind, tags: h.tags }));
  }
}

function headingOf(section: Section): string {
  if (section.kind === 'search') return 'Search results';
  return section.kind === 'reports' || section.kind === 'recent'
    ? 'Reports'
    : section.kind === 'notes'
      ? 'Notes'
      : section.kind === 'tag'
        ? `Tagged #${section.tag}`
        : section.type
          ? `Entities: ${section.type}`
          : 'Entities';
}

function WorkspaceShell({ api }: { api: AppApi }) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const [route, go] = useHashRoute();
  const [section, setSectionState] = useState<Section>(() => loadSection());
  const [dialog, setDialog] = useState<DialogState>(null);
  const [query, setQuery] = useState(() => (route.view === 'search' ? (route.q ?? '') : ''));
  const [filters, setFilters] = useState<SearchFilters>(NO_FILTERS);
  const [recent, remember] = useRecent(api);
  const [panes, setPanes] = usePanes();
  const [followSearch, setFollowSearch] = useState(() => localStorage.getItem(FOLLOW_KEY) === '1');
  const width = useWindowWidth();
  const narrow = width < NARROW;
  const single = width < SINGLE;
  const [drawer, setDrawer] = useState<'nav' | 'details' | null>(null);
  // One-pane mode: the list was asked for while an item is open.
  const [listAsked, setListAsked] = useState(false);
  const [asideEl, setAsideEl] = useState<HTMLElement | null>(null);
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem(THEME_KEY) as Theme | null) ?? 'system');
  const [registry] = useState(() => new CommandRegistry());
  const searchRef = useRef<HTMLInputElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const deleted = useRef<{ id: string; title: string } | null>(null);
  useMouseHistoryButtons();

  const reportCount = useReportCount(api);
  const notes = useNotes(api);
  const entities = useEntities(api);
  const tags = useTags(api);

  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
    localStorage.setItem(THEME_KEY, theme);
  }, [theme]);

  // Back/Forward into a search brings its query back into the box.
  useEffect(() => {
    if (route.view === 'search' && route.q !== undefined) setQuery(route.q);
  }, [route]);

  const setSection = useCallback((s: Section) => {
    setSectionState(s);
    try {
      sessionStorage.setItem(SECTION_KEY, JSON.stringify(s));
    } catch {
      /* not remembered across reloads */
    }
  }, []);

  const open = useCallback(
    (r: Route, opts?: { replace?: boolean; focus?: boolean }) => {
      go(r, opts);
      setDrawer(null);
      setListAsked(false);
      // Move focus to the content for keyboard and screen-reader users (not while typing a query).
      if (!opts?.replace && opts?.focus !== false) requestAnimationFrame(() => mainRef.current?.focus({ preventScroll: true }));
    },
    [go],
  );

  // The latest state for commands, which are registered once.
  const stateRef = useRef({ route, dialog, panes, drawer, navDrawer: false, detailsDrawer: false });

  useEffect(() => {
    const actions: WorkspaceActions = {
      openPalette: () => setDialog({ kind: 'palette' }),
      focusSearch: () => {
        searchRef.current?.focus();
        searchRef.current?.select();
      },
      importFiles: () => setDialog({ kind: 'import' }),
      exportNotes: () => {
        const r = stateRef.current.route;
        setDialog({ kind: 'export', noteIds: r.view === 'note' ? [r.id] : undefined });
      },
      newNote: () => {
        open({ view: 'newNote' });
        requestAnimationFrame(() => document.getElementById('note-title')?.focus());
      },
      toggleTheme: () => setTheme((t) => ((t === 'system' ? systemDark() : t === 'dark') ? 'light' : 'dark')),
      showLibrary: () => setSection({ kind: 'reports' }),
      showNotes: () => setSection({ kind: 'notes' }),
      showEntities: () => setSection({ kind: 'entities' }),
      showGraph: () => {
        const r = stateRef.current.route;
        open(r.view === 'report' || r.view === 'note' || r.view === 'entity' ? { view: 'graph', focus: r.id, depth: 1 } : { view: 'graph' });
      },
      addEntity: () => setDialog({ kind: 'newEntity' }),
      scanEntities: () => {
        void api['entities.scan']({}).then((res) => {
          const found = res.entities.reduce((s, e) => s + e.mentions, 0);
          toasts.info(`Scanned ${plural(res.reports, 'report')}: ${plural(found, 'mention')} of ${plural(res.entities.length, 'entity', 'entities')}.`);
          void qc.invalidateQueries();
        }, toasts.error);
      },
      tagReport: () => {
        const r = stateRef.current.route;
        if (r.view === 'report') document.getElementById(`tag-add-${r.id}`)?.focus();
      },
      suggestEntities: () => document.querySelector<HTMLButtonElement>('[data-suggest]')?.click(),
      hasReport: () => stateRef.current.route.view === 'report',
      hasNote: () => stateRef.current.route.view === 'note',
      canUndoDelete: () => deleted.current !== null,
      deleteNote: () => {
        const r = stateRef.current.route;
        if (r.view !== 'note') return;
        const title = (qc.getQueryData<{ title: string }>(['note', r.id]) ?? { title: r.id }).title;
        void api['notes.delete']({ id: r.id }).then(() => {
          deleted.current = { id: r.id, title };
          void qc.invalidateQueries({ queryKey: ['notes'] });
          go({ view: 'home' }, { replace: true });
          toasts.info(`Deleted “${title}”.`, { label: 'Undo', run: () => void registry.run('notes.undoDelete') });
        }, toasts.error);
      },
      undoDeleteNote: () => {
        const d = deleted.current;
        if (!d) return;
        deleted.current = null;
        void api['notes.restore']({ id: d.id }).then((n) => {
          void qc.invalidateQueries({ queryKey: ['notes'] });
          open({ view: 'note', id: n.id });
        }, toasts.error);
      },
      back: () => history.back(),
      forward: () => history.forward(),
      toggleNav: () => {
        const st = stateRef.current;
        if (st.navDrawer) setDrawer(st.drawer === 'nav' ? null : 'nav');
        else setPanes({ navOpen: !st.panes.navOpen });
      },
      toggleList: () => {
        if (window.innerWidth < SINGLE) setListAsked((a) => !a);
        else setPanes({ listOpen: !stateRef.current.panes.listOpen });
      },
      toggleDetails: () => {
        const st = stateRef.current;
        if (st.detailsDrawer) setDrawer(st.drawer === 'details' ? null : 'details');
        else setPanes({ detailsOpen: !st.panes.detailsOpen });
      },
    };
    return registerWorkspaceCommands(registry, actions);
  }, [api, qc, toasts, registry, open, go, setSection, setPanes]);

  // Keyboard shortcuts come from the registry.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      if (e.key === 'Escape' && stateRef.current.drawer) {
        setDrawer(null);
        return;
      }
      const cmd = registry.match(e);
      if (!cmd) return;
      if (stateRef.current.dialog && cmd.id !== 'palette.open') return;
      e.preventDefault();
      void Promise.resolve(registry.run(cmd.id)).catch(toasts.error);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [registry, toasts]);

  const ws: Workspace = useMemo(
    () => ({ api, route, open, section, setSection, setDialog, run: (id) => void registry.run(id).catch(toasts.error), recent, remember }),
    [api, route, open, section, setSection, registry, toasts, recent, remember],
  );

  // The list pane can show the current search results.
  const listQuery = query.trim();
  const searchList = useQuery({
    queryKey: ['searchList', listQuery, filters],
    queryFn: () => api['search.query'](toQuery(listQuery, filters, 200)),
    enabled: section.kind === 'search' && listQuery.length > 0,
    placeholderData: (prev) => prev,
  });
  // One empty array, not a new one per render: `items` would be rebuilt and the list re-sorted on
  // every keystroke in the search box.
  const hits = section.kind === 'search' && listQuery ? searchList.data?.results : NO_HITS;
  const items = useMemo(() => toItems(section, notes.data, entities.data, hits), [section, notes.data, entities.data, hits]);
  const pages = useMemo(() => reportPages(api, section), [api, section]);
  const listLoading =
    section.kind === 'notes'
      ? notes.isLoading
      : section.kind === 'entities'
        ? entities.isLoading
        : section.kind === 'search'
          ? searchList.isLoading
          : section.kind === 'tag'
            ? notes.isLoading
            : reportCount.isLoading;
  // The search index loads once the first list is on screen (or at once for a search), not on the first query.
  const searchReady = useSearchReady(api, { whenIdle: !listLoading, now: route.view === 'search' });
  const preparingSearch = searchReady.data?.ready === false;
  const activeId = 'id' in route ? route.id : null;
  const emptyText =
    section.kind === 'notes'
      ? 'No notes yet. Choose “New note” (Alt+N), or select a passage in a report and “Quote into note…”.'
      : section.kind === 'entities'
        ? 'No entities yet. Select a name in a report and “Tag as entity…”, or accept suggestions.'
        : section.kind === 'search'
          ? listQuery
            ? 'No results for this search.'
            : 'Type in the search box: the results show here.'
          : 'No reports yet. Choose Import (Ctrl+O) or run `dossier import PATH` in a terminal.';

  const onQuery = (q: string) => {
    setQuery(q);
    if (q.trim()) {
      if (followSearch && section.kind !== 'search') setSection({ kind: 'search' });
      // The first keystroke makes a history entry; the rest of the typing updates it.
      open({ view: 'search', q }, { replace: route.view === 'search', focus: false });
    } else if (route.view === 'search') go({ view: 'search', q: '' }, { replace: true });
  };
  const onFollow = (on: boolean) => {
    setFollowSearch(on);
    localStorage.setItem(FOLLOW_KEY, on ? '1' : '0');
    if (on) setSection({ kind: 'search' });
    else if (section.kind === 'search') setSection({ kind: 'reports' });
  };

  // Which panes show: below NARROW the library and details are drawers; below SINGLE an open item hides the list.
  const itemOpen = route.view !== 'home' && route.view !== 'search';
  const layout = fitPanes(width, panes, { narrow, single, itemOpen, listAsked });
  const showNav = layout.navDocked || drawer === 'nav';
  const showList = layout.list;
  const showDetails = layout.detailsDocked || drawer === 'details';
  const navDrawer = !layout.navDocked;
  const detailsDrawer = !layout.detailsDocked;
  stateRef.current = { route, dialog, panes, drawer, navDrawer, detailsDrawer };
  const fill = route.view === 'note' || route.view === 'newNote' || route.view === 'graph';

  return (
    <WorkspaceContext.Provider value={ws}>
      <AsideSlot.Provider value={asideEl}>
        <div className={`shell ${narrow ? 'narrow' : 'wide'}`} inert={dialog !== null}>
          <a className="skip-link" href="#content" onClick={(e) => { e.preventDefault(); mainRef.current?.focus(); }}>
            Skip to content
          </a>
          <header className="banner" role="banner">
            <div className="pane-toggles" role="group" aria-label="Panes">
              <button type="button" className="icon-button" aria-pressed={showNav} aria-controls={showNav ? 'library-nav' : undefined} title="Library (Alt+B)" onClick={() => ws.run('view.nav')}>
                <span aria-hidden="true">◧</span>
                <span className="visually-hidden">Library panel</span>
              </button>
              <button type="button" className="icon-button" aria-pressed={showList} aria-controls={showList ? 'list-pane' : undefined} title="List (Alt+L)" onClick={() => ws.run('view.list')}>
                <span aria-hidden="true">▤</span>
                <span className="visually-hidden">List panel</span>
              </button>
            </div>
            <div className="history-buttons" role="group" aria-label="History">
              <button type="button" className="icon-button" title="Back (Alt+←)" aria-label="Back" onClick={() => ws.run('nav.back')}>
                ←
              </button>
              <button type="button" className="icon-button" title="Forward (Alt+→)" aria-label="Forward" onClick={() => ws.run('nav.forward')}>
                →
              </button>
            </div>
            <h1 className="brand">Dossier</h1>
            <SearchBox ref={searchRef} value={query} onChange={onQuery} onSubmit={() => open({ view: 'search', q: query }, { replace: route.view === 'search' })} />
            <div className="banner-actions">
              <button type="button" onClick={() => ws.run('reports.import')}>
                Import
              </button>
              <button type="button" onClick={() => ws.run('notes.new')}>
                New note
              </button>
              <button type="button" onClick={() => ws.run('graph.open')}>
                Link chart
              </button>
              <CommandMenu registry={registry} />
              <button type="button" className="icon-button" aria-label="Toggle light or dark theme" title="Toggle theme (Alt+T)" onClick={() => ws.run('theme.toggle')}>
                ◐
              </button>
              <button type="button" className="palette-button" onClick={() => ws.run('palette.open')}>
                Go to… <kbd>{formatShortcut('Mod+K')}</kbd>
              </button>
              <button type="button" className="icon-button" aria-pressed={showDetails} aria-controls="details" title="Details (Alt+I)" onClick={() => ws.run('view.details')}>
                <span aria-hidden="true">◨</span>
                <span className="visually-hidden">Details panel</span>
              </button>
            </div>
          </header>
          <div className="panes">
            {showNav ? (
              <div className={`pane-nav ${navDrawer ? 'drawer drawer-left' : ''}`} style={{ width: panes.navWidth }}>
                <PaneBoundary what="The library">
                  <Sidebar reportCount={reportCount.data} notes={notes.data} entities={entities.data} tags={tags.data} followSearch={followSearch} onFollowSearch={onFollow} hits={searchList.data?.total} />
                </PaneBoundary>
              </div>
            ) : null}
            {showNav && !navDrawer ? (
              <Splitter label="Resize the library" value={panes.navWidth} min={PANE_LIMITS.nav.min} max={PANE_LIMITS.nav.max} onChange={(v) => setPanes({ navWidth: v })} controls="library-nav" />
            ) : null}
            {showList ? (
              <div className="pane-list" style={{ width: single ? '100%' : layout.listWidth }}>
                <PaneBoundary what="The list" resetKey={section}>
                  <ListPane
                    heading={section.kind === 'search' && listQuery ? `Search: ${listQuery}` : headingOf(section)}
                    items={items}
                    pages={pages}
                    ranked={section.kind === 'search'}
                    loading={listLoading}
                    emptyText={emptyText}
                    activeId={activeId}
                    onOpen={(it) => open(routeFor(it.kind, it.id))}
                  />
                </PaneBoundary>
              </div>
            ) : null}
            {showList && !single ? (
              <Splitter label="Resize the list" value={panes.listWidth} min={PANE_LIMITS.list.min} max={PANE_LIMITS.list.max} onChange={(v) => setPanes({ listWidth: v })} controls="list-pane" />
            ) : null}
            <main id="content" ref={mainRef} tabIndex={-1} className={`content ${fill ? 'content-fill' : ''}`} hidden={single && itemOpen && listAsked}>
              {!showList && itemOpen ? (
                <button type="button" className="back-to-list" onClick={() => (single ? setListAsked(true) : setPanes({ listOpen: true }))}>
                  ← Show the list
                </button>
              ) : null}
              <ErrorBoundary resetKey={route} fallback={(error, retry) => <RawRecord api={api} route={route} error={error} onRetry={retry} />}>
                <ContentView route={route} query={query} filters={filters} setFilters={setFilters} preparingSearch={preparingSearch} />
              </ErrorBoundary>
            </main>
            {showDetails && !detailsDrawer ? (
              <Splitter
                label="Resize the details"
                value={panes.detailsWidth}
                min={PANE_LIMITS.details.min}
                max={PANE_LIMITS.details.max}
                invert
                onChange={(v) => setPanes({ detailsWidth: v })}
                controls="details"
              />
            ) : null}
            <aside
              id="details"
              ref={setAsideEl}
              className={`details ${detailsDrawer ? 'drawer drawer-right' : ''}`}
              aria-label="Details"
              hidden={!showDetails}
              style={{ width: panes.detailsWidth }}
            />
            {drawer && (navDrawer || detailsDrawer) ? <div className="drawer-scrim" aria-hidden="true" onClick={() => setDrawer(null)} /> : null}
          </div>
        </div>
        {dialog?.kind === 'palette' ? <Palette registry={registry} onClose={() => setDialog(null)} /> : null}
        {dialog?.kind === 'import' ? (
          <Modal title="Import reports" onClose={() => setDialog(null)}>
            <PaneBoundary what="The import dialog">
              <ImportDialogBody onClose={() => setDialog(null)} />
            </PaneBoundary>
          </Modal>
        ) : null}
        {dialog?.kind === 'export' ? (
          <Modal title="Export notes" onClose={() => setDialog(null)}>
            <PaneBoundary what="The export dialog">
              <ExportDialogBody noteIds={dialog.noteIds} onClose={() => setDialog(null)} />
            </PaneBoundary>
          </Modal>
        ) : null}
        {dialog?.kind === 'newEntity' ? (
          <Modal title="Add entity" onClose={() => setDialog(null)}>
            <NewEntityForm
              onDone={(id) => {
                setDialog(null);
                open({ view: 'entity', id });
              }}
            />
          </Modal>
        ) : null}
      </AsideSlot.Provider>
    </WorkspaceContext.Provider>
  );
}

function ContentView({
  route,
  query,
  filters,
  setFilters,
  preparingSearch,
}: {
  route: Route;
  query: string;
  filters: SearchFilters;
  setFilters(f: SearchFilters): void;
  preparingSearch: boolean;
}) {
  const ws = useWorkspace();
  const tags = useTags(ws.api);
  const entities = useEntities(ws.api);
  switch (route.view) {
    case 'report':
      return <Reader key={route.id} id={route.id} cite={route.cite} q={route.q} at={route.at} />;
    case 'trash':
      return <TrashView />;
    case 'note':
    case 'newNote':
      // One element for both, so the draft's editor stays mounted when it is saved and gets an id.
      return <NoteView id={route.view === 'note' ? route.id : null} />;
    case 'entity':
      return <EntityPage key={route.id} id={route.id} />;
    case 'graph':
      return <LinkChart focus={route.focus} depth={route.depth} />;
    case 'search':
      return (
        <SearchResults
          api={ws.api}
          q={query}
          filters={filters}
          onFilters={setFilters}
          preparing={preparingSearch}
          tags={tags.data}
          entities={entities.data}
          onOpen={(hit, atMatch) => ws.open(hit.kind === 'report' ? { view: 'report', id: hit.id, q: query, at: atMatch ? hit.at : undefined } : routeFor(hit.kind, hit.id))}
        />
      );
    case 'home':
      return <Home />;
  }
}

function Home() {
  const ws = useWorkspace();
  return (
    <section className="home" aria-labelledby="home-title">
      <h2 id="home-title">Welcome to your notebook</h2>
      <ul className="home-tips">
        <li>Open a report from the list, or type in the search box: other spellings (Hmeimim, Khmeimim) are found too.</li>
        <li>
          Press <kbd>{formatShortcut('Mod+K')}</kbd> to jump to any report, note, entity or command.
        </li>
        <li>In a report, select text to tag it as an entity or quote it into a note.</li>
      </ul>
      <div className="button-row">
        <button type="button" onClick={() => ws.run('reports.import')}>
          Import reports…
        </button>
        <button type="button" onClick={() => ws.run('notes.new')}>
          New note
        </button>
      </div>
    </section>
  );
}

function CommandMenu({ registry }: { registry: CommandRegistry }) {
  const [open, setOpen] = useState(false);
  const [, bump] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => registry.subscribe(() => bump((n) => n + 1)), [registry]);
  useEffect(() => {
    if (open) ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
  }, [open]);
  const groups = new Map<string, Command[]>();
  for (const c of registry.list()) groups.set(c.category, [...(groups.get(c.category) ?? []), c]);
  const onKeyDown = (e: ReactKeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown') items[(i + 1) % items.length]?.focus();
    else if (e.key === 'ArrowUp') items[(i - 1 + items.length) % items.length]?.focus();
    else if (e.key === 'Escape') {
      setOpen(false);
      ref.current?.querySelector<HTMLElement>('.menu-button')?.focus();
    } else return;
    e.preventDefault();
  };
  return (
    <div className="menu" ref={ref} onKeyDown={onKeyDown} onBlur={(e) => !ref.current?.contains(e.relatedTarget as Node | null) && setOpen(false)}>
      <button type="button" className="menu-button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Menu
      </button>
      {open ? (
        <div role="menu" aria-label="Commands" className="menu-list">
          {[...groups.entries()].map(([cat, cmds]) => (
            <div role="group" aria-label={cat} key={cat}>
              <div className="menu-cat" aria-hidden="true">
                {cat}
              </div>
              {cmds.map((c) => (
                <button
                  type="button"
                  role="menuitem"
                  key={c.id}
                  disabled={!registry.isEnabled(c)}
                  onClick={() => {
                    setOpen(false);
                    void registry.run(c.id);
                  }}
                >
                  <span className="grow">{c.title}</span>
                  {c.shortcut ? <kbd>{formatShortcut(c.shortcut)}</kbd> : null}
                </button>
              ))}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
