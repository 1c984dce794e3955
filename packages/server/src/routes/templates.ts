/**
 * The shipped indicator-system templates (core's catalogue, generated from templates/*.yaml): their
 * names with the root's bilingual title, and one template's tree in the tree format — the start of
 * a new indicator system in the workbench.
 */
import { isTemplateName, type Label, labelText, template, templateNames } from '@scf-risk/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../problem.ts';
import { problems } from '../schemas.ts';

const templateSummary = z.object({
  name: z.string().describe('the template name, e.g. jd-scf'),
  title: z.object({ zh: z.string(), en: z.string() }).describe('the root indicator’s name'),
  source: z.string().nullable().describe('provenance, e.g. [003]'),
  leaves: z.number().int().describe('number of indicators (leaves)'),
});

interface Node {
  name: Label;
  source?: string;
  children?: Node[];
}

function leafCount(n: Node): number {
  return n.children?.length ? n.children.reduce((s, c) => s + leafCount(c), 0) : 1;
}

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/templates',
    {
      schema: {
        tags: ['models'],
        summary: 'The shipped indicator-system templates',
        response: { 200: z.array(templateSummary), ...problems },
      },
    },
    () =>
      templateNames().map((name) => {
        const root = template(name) as Node;
        return {
          name,
          title: { zh: labelText(root.name, 'zh'), en: labelText(root.name, 'en') },
          source: root.source ?? null,
          leaves: leafCount(root),
        };
      }),
  );
  app.get(
    '/templates/:name',
    {
      schema: {
        tags: ['models'],
        summary: 'One template’s indicator tree (the tree format)',
        params: z.strictObject({ name: z.string().max(64).describe('a template name') }),
        response: { 200: z.record(z.string(), z.unknown()), ...problems },
      },
    },
    (request) => {
      if (!isTemplateName(request.params.name)) throw notFound('template', request.params.name, ['name']);
      return template(request.params.name) as unknown as Record<string, unknown>;
    },
  );
};
export default plugin;
