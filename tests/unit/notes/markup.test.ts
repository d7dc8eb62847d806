import { describe, expect, it } from 'vitest';
import { formatQuote, parseCitations, parseLinks, rewriteLinks } from '../../../electron/notebook/notes/markup';

const targets = (body: string): Array<[string, string | null]> => parseLinks(body).map((l) => [l.target, l.label]);

describe('link parsing', () => {
  it('reads titles, ids and labels', () => {
    expect(targets('See [[Hama offensive]], [[r_abc123|the report]] and [[ e_xyz987 ]].')).toEqual([
      ['Hama offensive', null],
      ['r_abc123', 'the report'],
      ['e_xyz987', null],
    ]);
  });

  it('gives offsets of the whole link', () => {
    const body = 'a [[X|y]] b';
    const [l] = parseLinks(body);
    expect(body.slice(l?.start, l?.end)).toBe('[[X|y]]');
  });

  it('ignores links in code spans and fenced code blocks', () => {
    const body = ['Real [[One]] and `[[NotInline]]` and ``a `[[NotDouble]]` b``.', '```', '[[NotFenced]]', '```', '~~~md', '[[NotTilde]]', '~~~', 'After [[Two]]'].join('\n');
    expect(targets(body).map((t) => t[0])).toEqual(['One', 'Two']);
  });

  it('treats an unclosed fence as code to the end', () => {
    expect(targets('[[A]]\n```\n[[B]]')).toEqual([['A', null]]);
  });

  it('handles nested and stray brackets', () => {
    expect(targets('[[[[Title]]]]')).toEqual([['Title', null]]);
    expect(targets('[[a [b] c]]')).toEqual([]);
    expect(targets('[[]] [[ ]] [[|x]]')).toEqual([]);
    expect(targets('an escaped \\[[Not a link]] here')).toEqual([]);
  });

  it('does not let a link span lines', () => {
    expect(targets('[[first\nsecond]]')).toEqual([]);
  });

  it('rewrites targets and keeps labels', () => {
    const out = rewriteLinks('[[Old]] and [[old|my label]] and `[[Old]]` and [[Other]]', (l) => (l.target.toLowerCase() === 'old' ? 'New name' : null));
    expect(out).toBe('[[New name]] and [[New name|my label]] and `[[Old]]` and [[Other]]');
  });
});

describe('quote citations', () => {
  it('round-trips a citation through the quote block', () => {
    const q = formatQuote('Line one\n\nLine [[two]] ^cite(r_fake:1-2)', 'r_abc123', 'A | tricky ]] title', 120, 245);
    expect(q).toBe('> Line one\n>\n> Line [\\[two]] \\^cite(r_fake:1-2)\n> — [[r_abc123|A tricky title]] ^cite(r_abc123:120-245)');
    expect(parseCitations(q).map(({ reportId, start, end }) => ({ reportId, start, end }))).toEqual([{ reportId: 'r_abc123', start: 120, end: 245 }]);
    // the quote links the report, and text inside the passage never becomes a link
    expect(targets(q)).toEqual([['r_abc123', 'A tricky title']]);
  });

  it('ignores citations inside code', () => {
    expect(parseCitations('`^cite(r_abc:1-2)` ^cite(r_def:3-4)').map((c) => c.reportId)).toEqual(['r_def']);
  });
});
