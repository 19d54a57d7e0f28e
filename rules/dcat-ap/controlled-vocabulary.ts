import { shaclRule } from './_shacl.js';

export const { meta, create } = shaclRule({
  id: 'dcat-ap/controlled-vocabulary',
  set: 'vocabularies',
  description: 'Values of DCAT-AP 3.0.1 properties bound to an EU authority table (frequency, language, theme, file type, access rights...).',
  rationale: 'SEMIC DCAT-AP 3.0.1 mdr-vocabularies.shape.ttl: portals facet and translate these values through the EU vocabularies; a free-text or foreign code is lost to them.',
  severity: 'error',
  presets: [],
});
