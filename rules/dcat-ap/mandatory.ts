import { shaclRule } from './_shacl.js';

export const { meta, create } = shaclRule({
  id: 'dcat-ap/mandatory',
  set: 'mandatory',
  description: 'The DCAT-AP 3.0.1 core shapes: mandatory properties, cardinalities, node kinds and datatypes.',
  rationale: 'SEMIC DCAT-AP 3.0.1 shapes.ttl: a catalogue, dataset or distribution violating them is not DCAT-AP; data.europa.eu MQA "DCAT-AP compliance" (30 points) is no violation.',
  severity: 'error',
  presets: ['mqa'],
});
