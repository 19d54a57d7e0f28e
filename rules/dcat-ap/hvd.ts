import { shaclRule } from './_shacl.js';

export const { meta, create } = shaclRule({
  id: 'dcat-ap/hvd',
  set: 'hvd',
  description: 'The DCAT-AP HVD 3.0.0 shapes: HVD category, applicable legislation, API, licence and contact of High-Value Datasets.',
  rationale: 'Implementing Regulation (EU) 2023/138 and SEMIC DCAT-AP HVD 3.0.0 (hvd-SHACL.ttl, hvd-SHACL-usagenotes.ttl): an HVD must declare its category and the regulation, offer an API and bulk download, under a licence at least as permissive as CC BY 4.0.',
  severity: 'error',
  presets: [],
});
