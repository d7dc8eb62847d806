/**
 * Deleting a report removes its entity mentions too, and a failure of that second write reaches
 * the caller (it used to be swallowed, leaving mentions of a report that no longer exists).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFixture, type Fixture } from './helpers';

let f: Fixture;
beforeEach(async () => {
  f = await openFixture();
});
afterEach(async () => f.close());

async function reportWithMention(): Promise<{ reportId: string; entityId: string }> {
  const reportId = await f.addReport('hama', 'Aircraft from Khmeimim struck positions north of Hama.');
  const { entity } = await f.call('entities.create', { name: 'Khmeimim', type: 'location' });
  await f.call('entities.tagSelection', { entityId: entity.id, reportId, start: 14, end: 22 });
  expect(await f.call('entities.mentions', { id: entity.id })).toHaveLength(1);
  return { reportId, entityId: entity.id };
}

describe('reports.delete', () => {
  it('removes the report and its mentions', async () => {
    const { reportId, entityId } = await reportWithMention();
    expect(await f.call('reports.delete', { id: reportId })).toMatchObject({ id: reportId, deleted: true, trashed: true, mentions: 1 });
    expect(await f.call('entities.mentions', { id: entityId })).toEqual([]);
    await f.reopen();
    expect(await f.call('entities.mentions', { id: entityId })).toEqual([]);
  });

  it('says so when the mentions could not be updated', async () => {
    const { reportId } = await reportWithMention();
    // mentions.json replaced by a folder: the atomic rename over it fails, the catalog write does not.
    const mentions = path.join(f.nb.dir, 'mentions.json');
    await fs.rm(mentions);
    await fs.mkdir(path.join(mentions, 'blocker'), { recursive: true });
    const err = await f.fail('reports.delete', { id: reportId });
    expect(err.message).toMatch(new RegExp(`report ${reportId} was deleted, but its entity mentions could not be removed: .*mentions\\.json`));
    expect(await f.fail('reports.get', { id: reportId })).toMatchObject({ code: 'NOT_FOUND' });
  });
});
