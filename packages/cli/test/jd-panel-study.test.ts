/**
 * The shipped panel study examples/studies/jd-panel.yaml ([003]'s operational-risk branch judged by
 * five experts, AIP) run in-process: the consensus section agrees with Goepel's S* recomputed here
 * from the experts' own eigenvector priorities (core's `ahp` and `ahpConsensus` on the study file's
 * matrices), the AIP weights are the experts' arithmetic mean, the printed S* and bands are the
 * ones the file's header announces (A5 low with E5, A52 moderate with E3, A54 high), the overall
 * consensus is the global-weighted mean of the nodes', and the scales and uncertainty sections run
 * on the same tree.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ahp, ahpConsensus, matrixSchema, parseWith } from '@scf-risk/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type CliRun, runCli } from './run-cli.ts';

const FILE = join(resolve(import.meta.dirname, '../../..'), 'examples/studies/jd-panel.yaml');
const study = parse(readFileSync(FILE, 'utf8')) as {
  weighting: Record<string, { experts: { id: string; matrix: unknown }[] }>;
};

/** Each expert's eigenvector priorities at a panel node, from the study file's matrices. */
function expertVectors(node: string): number[][] {
  return study.weighting[node].experts.map((e) => ahp(parseWith(matrixSchema, e.matrix)).weights);
}

describe('examples/studies/jd-panel.yaml: a five-expert panel with consensus, scales and uncertainty', () => {
  let json: CliRun;
  let out: any;
  beforeAll(async () => {
    json = await runCli(['run', FILE, '--format', 'json']);
    out = json.json();
  });

  it("S* per node is Goepel's consensus of the experts' own priorities; bands and dissenters as announced", () => {
    expect(json.code).toBe(0);
    const nodes = out.consensus.nodes;
    expect(nodes.map((n: any) => n.code)).toEqual(['A5', 'A52', 'A54']);
    for (const n of nodes) {
      const own = ahpConsensus(expertVectors(n.code), { ids: ['E1', 'E2', 'E3', 'E4', 'E5'] });
      expect(n.consensus).toBeCloseTo(own.consensus, 12);
      expect(n.homogeneity).toBeCloseTo(own.homogeneity, 12);
      expect(n.removal.map((r: any) => r.id)).toEqual(own.removal.map((r) => r.id));
      expect(n.experts).toBe(5);
      expect(n.scaleMax).toBe(9);
    }
    expect(nodes.map((n: any) => Number((100 * n.consensus).toFixed(1)))).toEqual([62.3, 71.9, 79.5]);
    expect(nodes.map((n: any) => n.band)).toEqual(['low', 'moderate', 'high']);
    expect(nodes.map((n: any) => n.dissenters)).toEqual([['E5'], ['E3'], ['E4']]);
    // without E5 the other four agree at A5: S* of E1–E4 alone
    const others = expertVectors('A5').slice(0, 4);
    expect(nodes[0].removal[0]).toMatchObject({ id: 'E5' });
    expect(nodes[0].removal[0].consensus).toBeCloseTo(ahpConsensus(others).consensus, 12);
    expect(nodes[0].removal[0].consensus).toBeGreaterThan(0.9);
  });

  it("the panel's weights are the experts' arithmetic mean (AIP), and the overall S* their global-weighted mean", () => {
    for (const code of ['A5', 'A52', 'A54']) {
      const v = expertVectors(code);
      const mean = v[0].map((_, i) => v.reduce((s, w) => s + w[i], 0) / v.length);
      out.weighting[code].weights.forEach((w: number, i: number) => {
        expect(w).toBeCloseTo(mean[i], 12);
      });
    }
    const global = Object.fromEntries(out.hierarchy.nodes.map((n: any) => [n.code, n.globalWeight]));
    const nodes = out.consensus.nodes;
    nodes.forEach((n: any) => {
      expect(n.globalWeight).toBeCloseTo(global[n.code], 12);
    });
    const g = nodes.reduce((s: number, n: any) => s + n.globalWeight, 0);
    expect(out.consensus.overall).toBeCloseTo(nodes.reduce((s: number, n: any) => s + n.globalWeight * n.consensus, 0) / g, 12);
    expect(out.consensus.overallBand).toBe('moderate');
  });

  it('warns of the low and moderate nodes naming whom to hear again, not of the high one', () => {
    const consensus = out.warnings.filter((w: string) => w.startsWith('consensus:'));
    expect(consensus).toEqual([
      'consensus: A5: S* = 62.3 % is low; removing E5 raises it most',
      'consensus: A52: S* = 71.9 % is moderate; removing E3 raises it most',
    ]);
    expect(json.stderr).toContain('consensus: A5: S* = 62.3 % is low; removing E5 raises it most');
    // the near-tied indicators reorder on other scales and under perturbed judgments (seeded: always these)
    expect(out.warnings.filter((w: string) => !w.startsWith('consensus:'))).toEqual([
      "scales: the indicators' ranking changes on logarithmic, root-square, inverse-linear, balanced, power, geometric",
      "uncertainty: the indicators' nominal ranking holds in only 0.4 % of 1000 draws",
    ]);
  });

  it('scales and uncertainty run on the same 15 indicators (standard scale = the study’s weights; seeded draws)', () => {
    const leaves = Object.fromEntries(out.hierarchy.leaves.map((l: any) => [l.code, l.globalWeight]));
    expect(out.scales.codes).toHaveLength(15);
    expect(out.scales.scales.map((s: any) => s.scale)).toEqual([
      'standard',
      'logarithmic',
      'root-square',
      'inverse-linear',
      'balanced',
      'power',
      'geometric',
    ]);
    out.scales.codes.forEach((code: string, i: number) => {
      expect(out.scales.scales[0].weights[i]).toBeCloseTo(leaves[code], 12);
    });
    // process design (A511) leads on every scale
    const a511 = out.scales.codes.indexOf('A511');
    for (const s of out.scales.scales) expect(s.ranks[a511], s.scale).toBe(1);
    expect(out.uncertainty).toMatchObject({ draws: 1000, seed: 18, rule: 'step', step: 1 });
    out.uncertainty.codes.forEach((code: string, i: number) => {
      const w = out.uncertainty.weights[i];
      expect(w.nominal).toBeCloseTo(leaves[code], 12);
      expect(w.lower).toBeLessThanOrEqual(w.upper);
    });
    // process design stays first in every draw: its weight leads by far
    expect(out.uncertainty.nominalRanks[0]).toBe(1);
    expect(out.uncertainty.rankProbabilities[0][0]).toBe(1);
  });

  it('run --verbose prints the consensus table with the overall S* and each node', async () => {
    const r = await runCli(['run', FILE, '--verbose', '--format', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Group consensus per node (Goepel's S*): overall 66.2 % (moderate)");
    expect(r.stdout).toMatch(/A5 +Operational risk +1 +0\.6227 +low +0\.7874 +5 +E5/);
    expect(r.stdout).toMatch(/A52 +Financing approval risk +0\.223 +0\.7193 +moderate +0\.8484 +5 +E3/);
    expect(r.stdout).toMatch(/A54 +Warehouse supervision risk +0\.1967 +0\.7954 +high +0\.8795 +5 +E4/);
    expect(r.stdout).toContain("Indicators' global weights per judgment scale");
    expect(r.stdout).toContain('1000 draws, step ±1, seed 18');
  });
});
