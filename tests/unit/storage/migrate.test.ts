import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { migrate, type FileSpec } from '../../../electron/notebook/schema/migrate';
import { catalogSpec, metaSpec } from '../../../electron/notebook/schema/v1';

const FIXTURES = path.join(__dirname, '../../fixtures/notebooks');
const specs = [catalogSpec, metaSpec] as Array<FileSpec<{ schemaVersion: number }>>;

describe('migration harness', () => {
  // Every stored notebook of every past version must migrate to a file the current schema accepts.
  const versions = readdirSync(FIXTURES).filter((v) => /^v\d+$/.test(v));
  it('has a stored fixture notebook for every schema version up to the current one', () => {
    const current = Math.max(...specs.map((s) => s.version));
    for (let v = 1; v <= current; v++) expect(versions).toContain(`v${v}`);
  });
  for (const version of versions) {
    for (const spec of specs) {
      it(`${version}/${spec.file} migrates to version ${spec.version} and validates`, () => {
        const raw: unknown = JSON.parse(readFileSync(path.join(FIXTURES, version, spec.file), 'utf8'));
        const { data, migratedFrom } = migrate(spec, raw);
        expect(data.schemaVersion).toBe(spec.version);
        // Each file carries its own version (a notebook of version N may hold files of older ones).
        const own = (raw as { schemaVersion: number }).schemaVersion;
        expect(own).toBeLessThanOrEqual(Number(version.slice(1)));
        expect(migratedFrom).toBe(own === spec.version ? null : own);
      });
    }
  }

  it('applies N -> N+1 steps in order and validates the result', () => {
    const spec: FileSpec<{ schemaVersion: 3; items: Array<{ name: string; tags: string[] }> }> = {
      file: 'x.json',
      version: 3,
      schema: z.object({ schemaVersion: z.literal(3), items: z.array(z.object({ name: z.string(), tags: z.array(z.string()) })) }),
      migrations: [
        (d) => ({ ...d, items: (d.titles as string[]).map((t) => ({ name: t })) }),
        (d) => ({ ...d, items: (d.items as Array<{ name: string }>).map((i) => ({ ...i, tags: [] })) }),
      ],
      empty: () => ({ schemaVersion: 3, items: [] }),
    };
    const { data, migratedFrom } = migrate(spec, { schemaVersion: 1, titles: ['Hama', 'Khama'] });
    expect(migratedFrom).toBe(1);
    expect(data).toEqual({ schemaVersion: 3, items: [{ name: 'Hama', tags: [] }, { name: 'Khama', tags: [] }] });
  });

  it('refuses a newer version and a file without a version', () => {
    expect(() => migrate(catalogSpec, { schemaVersion: catalogSpec.version + 1, reports: [] })).toThrow(/newer Dossier/);
    expect(() => migrate(catalogSpec, { reports: [] })).toThrow(/no valid schemaVersion/);
    expect(() => migrate(catalogSpec, [1, 2])).toThrow(/not a JSON object/);
  });
});
