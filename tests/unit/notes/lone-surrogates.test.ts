/** Lone UTF-16 surrogates (sent through the API, never typeable) in titles, names, tags and links. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseLinks } from '../../../electron/notebook/notes/markup';
import { openFixture, type Fixture } from './helpers';

let f: Fixture;
beforeEach(async () => {
  f = await openFixture();
});
afterEach(async () => {
  await f.close();
});

describe('lone surrogates', () => {
  it('are stored as U+FFFD in titles, names, aliases and tags, and kept exactly in bodies', async () => {
    const n = await f.call('notes.create', { title: 'Hama\ud800', body: 'body \udc00 [[x\ud800]]', tags: ['t\udfff'] });
    expect(n.title).toBe('Hama\ufffd');
    expect(n.tags).toEqual(['t\ufffd']);
    expect(n.body).toBe('body \udc00 [[x\ud800]]');
    const e = await f.call('entities.create', { name: 'Zhuravlev\ud83d', type: 'person', aliases: ['\ude00Z'] });
    expect(e.entity.name).toBe('Zhuravlev\ufffd');
    expect(e.entity.aliases).toEqual(['\ufffdZ']);
  });

  it('a link with a lone surrogate is parsed and resolves to the title it names', async () => {
    expect(parseLinks('[[\ud800]] [[a\udc00|b\ud800]]').map((l) => [l.target, l.label])).toEqual([
      ['\ud800', null],
      ['a\udc00', 'b\ud800'],
    ]);
    const target = await f.call('notes.create', { title: 'Hama\ud800' });
    const n = await f.call('notes.create', { title: 'Links', body: 'See [[Hama\ud800]] and [[Hama\udc00]] and [[\ud800]].' });
    expect(n.links.outgoing.map((l) => l.id)).toEqual([target.id]);
    expect(n.links.unresolved.map((u) => u.text)).toEqual(['\ud800']);
    expect((await f.call('notes.get', { id: target.id })).links.backlinks.map((b) => b.id)).toEqual([n.id]);
  });
});
