import { shaclRule } from './_shacl.js';

export const { meta, create } = shaclRule({
  id: 'dcat-ap/nl-recommended',
  set: 'nl-recommended',
  description: 'The DCAT-AP-NL 3.0 recommended properties (dcat-ap-nl-SHACL-aanbevolen.ttl, sh:Warning).',
  rationale: 'DCAT-AP-NL 3.0 recommends these properties for Dutch government data (distribution licence, format, description; dataset keywords, landing page…): data.overheid.nl and re-users rely on them.',
  severity: 'warning',
  presets: [],
});
