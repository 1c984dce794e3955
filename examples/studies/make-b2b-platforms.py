"""Generate the illustrative inputs of examples/studies/b2b-platforms.yaml (run from the repo root).

[004] prints neither its Delphi scores, nor its IFAHP judgments, nor its experts' ratings of the
five platforms. This script makes them up by fixed formulas (no randomness), so that:
- Delphi (3 experts, 2 rounds, 5/3/1) deletes the four candidates [004] names as failing all three
  thresholds, flags the two it names as failing two of them (removed after discussion, as [004]
  did), and keeps the others;
- IFAHP relations at every criterion follow a stated order of importance, with hesitancy 0.1;
- ten experts' votes over the grades 10/8/6/4/2 give each platform a level, ordered as the
  paper's qualitative ranking (risk from low to high: Alibaba, Zhaogang, Tianwu, Molbase, China Supplier).
"""
import yaml

tree = yaml.safe_load(open('templates/b2b-platform.yaml', encoding='utf8'))
ALL_THREE = ['B211', 'B222', 'B312', 'B447']
TWO = ['B336', 'B446']

leaves, inner = [], []
def walk(n):
    if n.get('children'):
        inner.append(n)
        for c in n['children']:
            walk(c)
    else:
        leaves.append(n['code'])
walk(tree)

def scores(code, rnd, k):
    if code in ALL_THREE:
        return [1, 1, 3][ (k + rnd) % 3 ]
    if code in TWO:
        return [3, 3, 5][ (k + rnd) % 3 ] if rnd == 0 else [5, 3, 3][k]
    i = leaves.index(code)
    return 5 if (i + k + rnd) % 4 else 3

rounds = [{'name': f'round {r + 1}', 'scores': [[scores(c, r, k) for c in leaves] for k in range(3)]} for r in range(2)]

removed = set(ALL_THREE + TWO)
def kept(n):
    return [c for c in n['children'] if c.get('children') or c['code'] not in removed]

weighting = {}
for n in inner:
    kids = kept(n)
    m = len(kids)
    if m == 1:
        weighting[n['code']] = {'method': 'fixed', 'weights': [1]}
        continue
    # importance falls along the children's order, with a bump for the first
    s = [1.0 - 0.8 * i / max(1, m - 1) for i in range(m)]
    upper = {}
    for i in range(m):
        for k in range(i + 1, m):
            d = round(0.4 * (s[i] - s[k]), 2)
            mu, nu = round(0.45 + d, 2), round(0.45 - d, 2)
            key = f'{i + 1}{k + 1}' if m < 10 else f'{i + 1},{k + 1}'
            upper[key] = [mu, nu]
    weighting[n['code']] = {'method': 'ifahp', 'upper': upper}

PLATFORMS = [
    ('alibaba', {'zh': '阿里巴巴', 'en': 'Alibaba'}, 8.3),
    ('molbase', {'zh': '摩贝', 'en': 'Molbase'}, 6.7),
    ('zhaogang', {'zh': '找钢网', 'en': 'Zhaogang'}, 7.7),
    ('tianwu', {'zh': '天物大宗', 'en': 'Tianwu Dazong'}, 7.2),
    ('china-supplier', {'zh': '中国供应商', 'en': 'China Supplier'}, 6.2),
]
GRADES = [10, 8, 6, 4, 2]
def votes(level, j):
    t = max(2.0, min(10.0, level + ((j * 37) % 11 - 5) / 5))
    u = [max(0.0, 1 - abs(t - g) / 2) for g in GRADES]
    v = [int(round(10 * x)) for x in u]
    v[v.index(max(v))] += 10 - sum(v)
    return v

kept_leaves = [c for c in leaves if c not in removed]
alternatives = [{'id': pid, 'name': name, 'votes': {c: votes(level, j) for j, c in enumerate(kept_leaves)}} for pid, name, level in PLATFORMS]

def flow(x):
    return yaml.safe_dump(x, default_flow_style=True, allow_unicode=True, width=10_000).strip()

out = open('examples/studies/b2b-platforms.yaml', 'w', encoding='utf8')
out.write(open('examples/studies/b2b-platforms.head.yaml', encoding='utf8').read())
out.write('delphi:\n  scale: "1-3-5"\n  prune: true\n  remove: ' + flow(TWO) + '   # failed two thresholds; removed after discussion, as [004] did\n  rounds:\n')
for r in rounds:
    out.write(f"    - name: {r['name']}\n      scores:\n")
    for row in r['scores']:
        out.write('        - ' + flow(row) + '\n')
out.write('weighting:\n')
for code, w in weighting.items():
    out.write(f'  {code}: {flow(w)}\n')
out.write('alternatives:\n')
for a in alternatives:
    out.write(f"  - id: {a['id']}\n    name: {flow(a['name'])}\n    votes:\n")
    for c, v in a['votes'].items():
        out.write(f'      {c}: {flow(v)}\n')
out.write(open('examples/studies/b2b-platforms.tail.yaml', encoding='utf8').read())
