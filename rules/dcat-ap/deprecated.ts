import { shaclRule } from './_shacl.js';

export const { meta, create } = shaclRule({
  id: 'dcat-ap/deprecated',
  set: 'deprecated',
  description: 'Properties DCAT-AP 3.0.1 deprecates (deprecateduris.ttl).',
  rationale: 'SEMIC DCAT-AP 3.0.1 deprecated these properties for their DCAT 3 replacements: harvesters following DCAT-AP 3 may drop them.',
  severity: 'warning',
  presets: [],
});
