/** Cleaning that changes what the user typed says so in the result's `changed` notes. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCleaning } from '../../../electron/notebook/changed';
import { openFixture, type Fixture } from './helpers';

let f: Fixture;
beforeEach(async () => {
  f = await openFixture();
});
afterEach(async () => {
  await f.close();
});

describe('changed notes', () => {
  it('whitespace and Unicode composition alone are not reported', () => {
    expect(describeCleaning('title', '  Hama   offensive\n', 'Hama offensive')).toBeNull();
    expect(describeCleaning('title', 'Cafe\u0301', 'Café')).toBeNull();
    expect(describeCleaning('title', 'Hama\u0007 offensive', 'Hama offensive')).toBe(
      'title "Hama\\u0007 offensive" was stored as "Hama offensive": control characters replaced or removed',
    );
  });

  it('notes: a title and tags with control, bidi and lone-surrogate characters', async () => {
    const n = await f.call('notes.create', { title: 'Hama\u202E offensive', body: 'kept \u202E exactly', tags: ['syria\u0000', 'plain'] });
    expect(n.title).toBe('Hama offensive');
    expect(n.body).toBe('kept \u202E exactly');
    expect(n.changed).toEqual([
      expect.stringMatching(/^title "Hama\u202E offensive" was stored as "Hama offensive": invisible format characters/),
      expect.stringMatching(/^tag "syria\\u0000" was stored as "syria": control characters/),
    ]);
    const same = await f.call('notes.update', { id: n.id, title: 'Plain title', body: 'x' });
    expect(same.changed).toBeUndefined();
    expect((await f.call('notes.update', { id: n.id, title: 'Lone \ud800' })).changed?.[0]).toMatch(/lone surrogates \(stored as U\+FFFD\)/);
    expect((await f.call('tags.add', { id: n.id, tags: ['a\u200Bb'] })).changed?.[0]).toMatch(/^tag "a\u200Bb" was stored as "ab"/);
  });

  it('entities: brackets and pipes in a name, and aliases dropped as the name or a repeat', async () => {
    const e = await f.call('entities.create', { name: 'Zhuravlev [general] | Russia', type: 'person', aliases: ['zhuravlev  general   russia', 'Zhuravlyov', 'ZHURAVLYOV'] });
    expect(e.entity.name).toBe('Zhuravlev general Russia');
    expect(e.entity.aliases).toEqual(['Zhuravlyov']);
    expect(e.changed).toEqual([
      'name "Zhuravlev [general] | Russia" was stored as "Zhuravlev general Russia": [, ] and | (they would break [[links]]) replaced or removed',
      'alias "zhuravlev general russia" was dropped: it is the entity\'s name',
      'alias "ZHURAVLYOV" was dropped: it is the same as alias "Zhuravlyov"',
    ]);
    const again = await f.call('entities.addAlias', { id: e.entity.id, alias: 'Zhuravlev General Russia' });
    expect(again.changed).toEqual(['alias "Zhuravlev General Russia" was dropped: it is the entity\'s name']);
    const ok = await f.call('entities.addAlias', { id: e.entity.id, alias: 'O. Zhuravlyov' });
    expect(ok.changed).toBeUndefined();
    expect(ok.entity.aliases).toEqual(['Zhuravlyov', 'O. Zhuravlyov']);
  });
});
