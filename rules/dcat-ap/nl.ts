import { shaclRule } from './_shacl.js';

export const { meta, create } = shaclRule({
  id: 'dcat-ap/nl',
  set: 'nl',
  description: 'The DCAT-AP-NL 3.0 shapes (Geonovum): what the Dutch profile requires on top of DCAT-AP, and the classes of its values.',
  rationale: 'DCAT-AP-NL 3.0, the Dutch application profile that succeeds DCAT-AP-DONL, tightens DCAT-AP: a dataset needs access rights, a contact point, a creator, an identifier, a publisher and a theme; its shapes say so.',
  severity: 'error',
  presets: [],
});
