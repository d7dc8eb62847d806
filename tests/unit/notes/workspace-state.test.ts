/** Inline #tags in note bodies, and the workspace state (Recent, chart positions) kept with the notebook. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseInlineTags } from '../../../electron/notebook/notes/markup';
import { openFixture, type Fixture } from './helpers';

let f: Fixture;
beforeEach(async () => {
  f = await openFixture();
});
afterEach(async () => {
  await f.close();
});

describe('inline #tags', () => {
  it('reads #words as tags, but not headings, numbers, anchors or code', () => {
    const body = [
      '# Heading',
      'Seen at #Hama and (#air-defence) again #hama.',
      'Issue #12, page.html#anchor, `#notatag` and a url https://x.org/#frag',
      'See [the entity](#link:e_abc) and [top](#top), but (#kept) is a tag.',
      '```',
      '#fenced',
      '```',
      '#syria/north-',
    ].join('\n');
    expect(parseInlineTags(body)).toEqual(['Hama', 'air-defence', 'kept', 'syria/north']);
  });

  it('makes inline tags the note’s tags: in the note, the list, tags.list and the tag filter of search', async () => {
    const n = await f.call('notes.create', { title: 'Field notes', body: 'Convoy seen #logistics', tags: ['syria'] });
    expect(n.tags).toEqual(['syria', 'logistics']);
    expect((await f.call('notes.list', {}))[0]?.tags).toEqual(['syria', 'logistics']);
    expect((await f.call('tags.list', {})).map((t) => t.tag)).toContain('logistics');
    const hits = await f.call('search.query', { q: 'convoy', tags: ['logistics'] });
    expect(hits.results.map((h) => h.id)).toEqual([n.id]);
    // Removing the #word from the text removes the tag; the tag set on the note stays.
    const edited = await f.call('notes.update', { id: n.id, body: 'Convoy seen' });
    expect(edited.tags).toEqual(['syria']);
  });

  it('says an inline tag is removed from the text, and untagging one changes nothing', async () => {
    const n = await f.call('notes.create', { title: 'Field notes', body: 'Convoy seen #Logistics near #Hama', tags: ['syria'] });
    expect(n.inlineTags).toEqual(['Logistics', 'Hama']);
    const err = await f.fail('tags.remove', { id: n.id, tags: ['logistics'] });
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toBe("#Logistics is written in the note's text: delete it there to remove the tag");
    // Nothing was removed, not even a set tag named in the same call.
    expect((await f.fail('tags.remove', { id: n.id, tags: ['syria', 'hama'] })).message).toContain('#Hama is written');
    const after = await f.call('notes.get', { id: n.id });
    expect(after.tags).toEqual(['syria', 'Logistics', 'Hama']);
    // A tag that is only set on the note is removed as before.
    expect((await f.call('tags.remove', { id: n.id, tags: ['SYRIA'] })).tags).toEqual(['Logistics', 'Hama']);
  });
});

describe('workspace state (ui.get / ui.set)', () => {
  it('keeps Recent and chart positions across a reopen, and reads a damaged file as empty', async () => {
    expect(await f.call('ui.get', {})).toEqual({ recent: [], chart: {} });
    const n = await f.call('notes.create', { title: 'A note', body: '' });
    await f.call('ui.set', { recent: [{ kind: 'note', id: n.id, title: 'A note' }] });
    await f.call('ui.set', { chart: { e_1: { x: 1, y: 2 } } });
    await f.call('ui.set', { chart: { e_2: { x: 3, y: 4 } } });
    await f.reopen();
    expect(await f.call('ui.get', {})).toEqual({ recent: [{ kind: 'note', id: n.id, title: 'A note' }], chart: { e_1: { x: 1, y: 2 }, e_2: { x: 3, y: 4 } } });
    await fs.writeFile(path.join(f.nb.dir, 'ui.json'), '{"recent": [{"kind": "evil"');
    await f.reopen();
    expect(await f.call('ui.get', {})).toEqual({ recent: [], chart: {} });
  });

  it('refuses malformed state with a clear error', async () => {
    expect((await f.fail('ui.set', { recent: [{ kind: 'note', id: 'not an id', title: 'x' }] })).code).toBe('INVALID_INPUT');
    expect((await f.fail('ui.set', { chart: { e_1: { x: Number.NaN, y: 0 } } })).code).toBe('INVALID_INPUT');
  });
});
