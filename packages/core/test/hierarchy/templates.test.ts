import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_FILE, catalogueSource, templatesFromYaml } from '../../../../scripts/templates-catalogue.mjs';
import { ValidationError } from '../../src/errors.ts';
import { TEMPLATE_CATALOGUE } from '../../src/hierarchy/template-catalogue.ts';
import { template, templateNames } from '../../src/hierarchy/templates.ts';
import { validateHierarchy } from '../../src/hierarchy/validate.ts';

describe('the template catalogue', () => {
  it('holds exactly the data of templates/*.yaml (regenerate with node scripts/templates-catalogue.mjs)', () => {
    const yaml = templatesFromYaml();
    expect(templateNames()).toEqual(Object.keys(yaml));
    for (const name of templateNames()) expect(TEMPLATE_CATALOGUE[name], name).toEqual(yaml[name]);
  });
  it('is the file the script generates, byte for byte', () => {
    expect(readFileSync(CATALOGUE_FILE, 'utf8')).toBe(catalogueSource());
  });
  it('every template is a valid hierarchy', () => {
    for (const name of templateNames()) expect(validateHierarchy(template(name)).root.code).toBeTruthy();
  });
  it('hands out copies: changing one does not change the catalogue', () => {
    const t = template('ztmg');
    t.code = 'changed';
    expect(template('ztmg').code).not.toBe('changed');
  });
  it('an unknown name is a ValidationError listing the names', () => {
    try {
      template('nope');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const issue = (e as ValidationError).issues[0];
      expect(issue.message).toBe('there is no template "nope"');
      expect(issue.allowed).toBe('b2b-platform, credit-evaluation, credit-tree-attributes, jd-scf, ztmg');
    }
  });
});
