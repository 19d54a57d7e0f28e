import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the DCAT-AP loader (not by hooks): an RDF term that parses but is wrong, loaded as written. */
export const meta: RuleMeta = {
  id: 'core/invalid-rdf-term',
  family: 'core',
  description: 'An RDF literal is not valid for its datatype (xsd:date, xsd:dateTime…), or an http(s) IRI has no host.',
  rationale:
    'An ill-typed literal ("2023-02-30"^^xsd:date, a date typed xsd:dateTime) is rejected by the DCAT-AP SHACL shapes ' +
    'and by harvesters that compare or sort dates; an IRI such as https:/example.com is valid RDF but no web address, ' +
    'so the link it stands for is dead. odlint loads both as written and reports them at their line.',
  severity: 'error',
  presets: ['recommended'],
  messages: {
    iri: 'IRI "{{iri}}" has no host: an http(s) IRI starts with "http://" or "https://" and a host name',
    literal: '"{{value}}" is not a valid {{datatype}}',
  },
};

export function create(): RuleHooks {
  return {};
}
