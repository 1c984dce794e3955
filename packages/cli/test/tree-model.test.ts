import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'scf-model-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const DATA = write(
  'tennis.csv',
  [
    'Outlook,Wind,Play',
    'Sunny,Weak,No',
    'Sunny,Strong,No',
    'Overcast,Weak,Yes',
    'Rain,Weak,Yes',
    'Rain,Strong,No',
    'Overcast,Strong,Yes',
  ].join('\n'),
);

describe('tree predict checks the model file (exit 2 with the field’s path)', () => {
  it('rejects malformed models by path, and models without a version', async () => {
    const model = join(dir, 'model.json');
    expect((await runCli(['tree', 'train', '--data', DATA, '--target', 'Play', '--out', model, '--format', 'json'])).code).toBe(0);
    const good = JSON.parse(readFileSync(model, 'utf8'));
    expect(good).toMatchObject({ format: 'scf-risk-tree', version: 1 });
    const predict = async (edit: (m: any) => void) => {
      const m = structuredClone(good);
      edit(m);
      const f = write('bad.json', JSON.stringify(m, null, 2));
      return runCli(['tree', 'predict', '--model', f, '--data', DATA, '--format', 'json']);
    };
    const cases: [(m: any) => void, RegExp][] = [
      [(m) => (m.root = {}), /bad\.json:\d+: root\.id: /],
      [(m) => (m.classes = []), /bad\.json:\d+: classes: a model needs at least one class/],
      [(m) => (m.root.counts[0] = null), /bad\.json:\d+: root\.counts\[0\]: /],
      [(m) => (m.root.children[0].node.counts = [1]), /root\.children\[0\]\.node\.counts: 1 counts for 2 classes/],
      [
        (m) => (m.root.children[0].condition = { op: '<=', threshold: 1 }),
        /root\.children\[0\]\.condition\.op: "<=" does not test the categorical attribute "Outlook"/,
      ],
      [(m) => delete m.version, /bad\.json:\d+: version: the model has no format version/],
      [(m) => (m.format = 'other'), /format: this is not a tree model written by `scf-risk tree train --out`/],
    ];
    for (const [edit, message] of cases) {
      const r = await predict(edit);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const ok = await predict(() => {});
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json().rows).toHaveLength(6);
  });

  it('a model that is not JSON or not there', async () => {
    const r = await runCli(['tree', 'predict', '--model', write('x.json', '{"format": '), '--data', DATA]);
    expect(r.code).toBe(2);
    const missing = await runCli(['tree', 'predict', '--model', join(dir, 'none.json'), '--data', DATA]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/none\.json/);
  });
});
