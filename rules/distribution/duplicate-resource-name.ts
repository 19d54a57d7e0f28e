import { defineRule, locate } from '../../src/engine/rule-api.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'distribution/duplicate-resource-name',
    family: 'distribution',
    description: 'Two resources of a Data Package have the same `name`.',
    rationale:
      'Resource names identify resources within a package (Frictionless Data Package: names MUST be unique): foreign keys, ' +
      '`package.get_resource(name)` and every loader that keys tables by name pick one of the two at random or fail. ' +
      'Frictionless: `package-error` / `schema-error` (the package profile requires unique names); csvlint: none.',
    severity: 'error',
    presets: ['recommended'],
    equivalents: { frictionless: { duplicate: ['package-error'] } },
    messages: {
      duplicate: 'resource {{index}} is named "{{name}}", like resource {{first}}',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        // Names are identifiers in Frictionless only; elsewhere `id` is a portal's own key.
        if (ds.source.format !== 'frictionless') return;
        const first = new Map<string, number>();
        ds.distributions.forEach((dist, i) => {
          if (dist.id === undefined) return;
          const earlier = first.get(dist.id);
          if (earlier === undefined) first.set(dist.id, i + 1);
          else context.report({ messageId: 'duplicate', data: { index: i + 1, name: dist.id, first: earlier }, location: locate(dist, 'id') });
        });
      },
    };
  },
});
