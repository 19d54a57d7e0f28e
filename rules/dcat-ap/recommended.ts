import { shaclRule } from './_shacl.js';

export const { meta, create } = shaclRule({
  id: 'dcat-ap/recommended',
  set: 'recommended',
  description: 'The DCAT-AP 3.0.1 recommended properties (shapes_recommended.ttl, sh:Warning).',
  rationale: 'SEMIC DCAT-AP 3.0.1 recommends these properties (contact point, keywords, themes, publisher, licence...): a re-user and the harvesting portals rely on them.',
  severity: 'warning',
  presets: [],
});
