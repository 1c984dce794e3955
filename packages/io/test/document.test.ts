/**
 * JSON documents are read by JSON.parse (the yaml parser only when a line is asked for): the same
 * value and the same lines as the YAML reading, and what only the YAML reading refuses (a repeated
 * key, nesting past MAX_DEPTH) is still refused, with its line.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, parseInputText } from '../src/document.ts';
import { validationMessage } from './support/validation-message.ts';

describe('JSON documents', () => {
  const json =
    '{\n  "code": "R",\n  "name": "a \\"quoted\\": name",\n  "children": [\n    {"code": "A", "weight": 0.25},\n    {"code": "B", "weight": 0.75, "rule": {"thresholds": [1e0, 2, 3, 4, 5]}}\n  ]\n}\n';

  it('gives the value the YAML reading gives, and the lines of its paths', () => {
    const input = parseInputText(json, 't.json');
    // the same text with a YAML-only first line is read by the yaml parser: the value must agree
    const viaYaml = parseInputText(`# a comment makes it YAML\n${json}`, 't.yaml');
    expect(input.data).toEqual(viaYaml.data);
    expect(input.data).toEqual({
      code: 'R',
      name: 'a "quoted": name',
      children: [
        { code: 'A', weight: 0.25 },
        { code: 'B', weight: 0.75, rule: { thresholds: [1, 2, 3, 4, 5] } },
      ],
    });
    expect(input.lineOf(['children', 1, 'rule', 'thresholds', 2])).toBe(6);
    expect(input.lineOf(['name'])).toBe(3);
    expect(input.lineOf(['children', 5])).toBe(4); // the nearest ancestor present
  });

  it('refuses a repeated key with its line, as the YAML reading does', () => {
    expect(validationMessage(() => parseInputText('{\n  "a": 1,\n  "b": {"c": 2, "c": 3}\n}', 'd.json'))).toMatch(
      /d\.json is not valid JSON or YAML \(line 3, column \d+\): .*unique/i,
    );
    // the same key in two different objects is no repetition
    expect(parseInputText('[{"c": 1}, {"c": 2}]', 'ok.json').data).toEqual([{ c: 1 }, { c: 2 }]);
  });

  it('refuses nesting past MAX_DEPTH, as the YAML reading does', () => {
    const deep = `${'['.repeat(MAX_DEPTH + 2)}${']'.repeat(MAX_DEPTH + 2)}`;
    expect(validationMessage(() => parseInputText(deep, 'deep.json'))).toMatch(
      /deep\.json nests lists or objects more than 200 levels deep/,
    );
    const fine = `${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`;
    expect(parseInputText(fine, 'fine.json').data).toBeInstanceOf(Array);
  });

  it('leaves malformed JSON and empty documents to the YAML reading’s messages', () => {
    expect(validationMessage(() => parseInputText('{"a": [1, 2}', 'bad.json'))).toMatch(/bad\.json is not valid JSON or YAML \(line 1/);
    expect(validationMessage(() => parseInputText('null', 'n.json'))).toMatch(/n\.json is empty/);
  });
});
