import { shaclRule } from './_shacl.js';

export const { meta, create } = shaclRule({
  id: 'dcat-ap/range',
  set: 'ranges',
  description: 'The class of every resource a DCAT-AP 3.0.1 property links to (range.ttl, sh:class).',
  rationale: 'SEMIC DCAT-AP 3.0.1 range.ttl: a linked resource must be typed with the class of the range (a licence a dct:LicenseDocument, a publisher a foaf:Agent). Off in the presets: a resource described elsewhere (an EU vocabulary IRI) is not typed in the file itself.',
  severity: 'warning',
  presets: [],
});
