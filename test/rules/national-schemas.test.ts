import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { lintReport, allFindings, brief, FIXTURES, ROOT } from '../helpers/lint.js';
import { loadBuiltinRules } from '../../src/engine/registry.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { lint } from '../../src/engine/lint.js';
import { nationalSchemaByHeader, nationalSchemas } from '../../src/knowledge/national-schemas.js';

const scdl = (file: string) => path.join(FIXTURES, 'national-schemas', 'scdl', file);
const rel = (file: string) => `fixtures/national-schemas/scdl/${file}`;

/** The Table Schema findings of one file linted on its own, as [rule, messageId, row, field]. */
async function schemaFindings(file: string) {
  const report = await lintReport([scdl(file)]);
  const all = allFindings(report);
  return {
    schema: all.filter((f) => f.ruleId.startsWith('data/schema-')).map((f) => [f.ruleId.slice(5), f.messageId, f.location.row, f.location.field]),
    matched: all.filter((f) => f.ruleId === 'data/national-schema-undeclared').map(brief),
  };
}

// One broken file per vendored SCDL schema: the exact findings (rule, message id, row, column).
const BROKEN: Record<string, [string, string, number, string][]> = {
  budget: [
    ['schema-constraint-error', 'enum', 2, 'BGT_NATDEC'],
    ['schema-constraint-error', 'pattern', 3, 'BGT_SIRET'],
    ['schema-type-error', 'type', 3, 'BGT_MTREAL'],
  ],
  catalogue: [
    ['schema-constraint-error', 'enum', 2, 'COUV_SPAT_MAILLE'],
    ['schema-constraint-error', 'minimum', 2, 'NOMBRE_RESSOURCES'],
    ['schema-type-error', 'type', 2, 'COUV_TEMP_FIN'],
  ],
  deliberations: [
    ['schema-constraint-error', 'pattern', 2, 'DELIB_MATIERE_CODE'],
    ['schema-type-error', 'type', 2, 'DELIB_DATE'],
    ['schema-type-error', 'type', 2, 'VOTE_EFFECTIF'],
    ['schema-constraint-error', 'required', 3, 'DELIB_ID'],
  ],
  equipements: [
    ['schema-constraint-error', 'enum', 2, 'EQUIP_THEME'],
    ['schema-constraint-error', 'maximum', 2, 'ERP_CATEGORIE'],
    ['schema-type-error', 'type', 2, 'EQUIP_LAT'],
    ['schema-type-error', 'type', 2, 'EQUIP_EMAIL'],
  ],
  'menus-collectifs': [
    ['schema-constraint-error', 'enum', 2, 'menuRestaurantType'],
    ['schema-type-error', 'type', 2, 'menuDate'],
    ['schema-constraint-error', 'enum', 3, 'menuPlatNutriscore'],
    ['schema-constraint-error', 'required', 3, 'menuPublicationDate'],
  ],
  'plats-menus-collectifs': [
    ['schema-constraint-error', 'pattern', 2, 'platProduitFournisseurSiret'],
    ['schema-constraint-error', 'required', 2, 'platModificationDate'],
    ['schema-type-error', 'type', 2, 'platProduitOGM'],
    ['schema-type-error', 'type', 2, 'platProduitIonisation'],
  ],
  prenoms: [
    ['schema-constraint-error', 'enum', 2, 'ENFANT_SEXE'],
    ['schema-constraint-error', 'pattern', 3, 'COLL_INSEE'],
    ['schema-constraint-error', 'pattern', 3, 'ENFANT_PRENOM'],
    ['schema-constraint-error', 'minimum', 3, 'NOMBRE_OCCURRENCES'],
  ],
  subventions: [
    ['schema-constraint-error', 'pattern', 2, 'rnaBeneficiaire'],
    ['schema-constraint-error', 'enum', 2, 'nature'],
    ['schema-constraint-error', 'maximum', 2, 'pourcentageSubvention'],
    ['schema-type-error', 'type', 2, 'dateConvention'],
    ['schema-type-error', 'type', 2, 'notificationUE'],
  ],
};

describe('SCDL Table Schemas matched by header (fixtures/national-schemas/scdl)', () => {
  it('vendors the eight SCDL Table Schemas of schema.data.gouv.fr', () => {
    expect(nationalSchemas().map((s) => `${s.id} ${s.version}`)).toEqual([
      'scdl/budget 0.8.3',
      'scdl/catalogue 0.1.3',
      'scdl/deliberations 2.1.5',
      'scdl/equipements 0.1.5',
      'scdl/menus-collectifs 1.2.3',
      'scdl/plats-menus-collectifs 0.7.2',
      'scdl/prenoms 1.1.6',
      'scdl/subventions 2.1.1',
    ]);
  });

  it.each(Object.keys(BROKEN))('%s: the valid file passes every Table Schema check; the broken one has exactly its errors', async (name) => {
    for (const [file, expected] of [[`${name}-valide.csv`, []], [`${name}-invalide.csv`, BROKEN[name]!]] as const) {
      const r = await schemaFindings(file);
      expect(r.schema, file).toEqual(expected);
      expect(r.matched, file).toEqual([{ ruleId: 'data/national-schema-undeclared', messageId: 'matched', severity: 'info', location: { file: rel(file), row: 1, line: 1 } }]);
    }
  });

  it('a header with other columns matches no schema', () => {
    expect(nationalSchemaByHeader(['COMMUNE_NOM', 'COLL_INSEE', 'ANNEE'])).toBeUndefined();
    expect(nationalSchemaByHeader(['year', 'Men', 'Women'])).toBeUndefined();
    expect(nationalSchemaByHeader(['COMMUNE_NOM', 'COLL_INSEE', 'ENFANT_SEXE', 'ENFANT_PRENOM', 'NOMBRE_OCCURRENCES', 'ANNEE'])?.id).toBe('scdl/prenoms');
  });
});

describe('declared SCDL schemas', () => {
  it('dct:conformsTo a schema.data.gouv.fr URL: the data are validated against it, located at the declaration', async () => {
    const report = await lintReport([path.join(FIXTURES, 'national-schemas', 'declared-conformsto')]);
    const file = 'fixtures/national-schemas/declared-conformsto/data/deliberations-2023.csv';
    const findings = allFindings(report).filter((f) => f.ruleId.startsWith('data/schema-') || f.ruleId === 'data/national-schema-undeclared');
    expect(findings.map(brief)).toEqual([
      { ruleId: 'data/schema-header-mismatch', messageId: 'incorrectLabel', severity: 'error', location: { file, row: 1, line: 1, field: 'URL_DELIB' } },
      { ruleId: 'data/schema-constraint-error', messageId: 'pattern', severity: 'error', location: { file, row: 2, line: 2, field: 'DELIB_MATIERE_CODE' } },
      { ruleId: 'data/schema-type-error', messageId: 'type', severity: 'error', location: { file, row: 2, line: 2, field: 'DELIB_DATE' } },
      { ruleId: 'data/schema-type-error', messageId: 'type', severity: 'error', location: { file, row: 2, line: 2, field: 'VOTE_EFFECTIF' } },
      { ruleId: 'data/schema-constraint-error', messageId: 'required', severity: 'error', location: { file, row: 3, line: 3, field: 'DELIB_ID' } },
    ]);
  });

  it('udata `schema: {name, version}` on a resource: the schema is attached where it is declared', async () => {
    const rules = await loadBuiltinRules();
    const config = resolveConfig(rules, { cwd: ROOT, presets: ['france'], noDiscovery: true });
    const result = await lint({ inputs: [path.join(FIXTURES, 'national-schemas', 'declared-udata')], config, cwd: ROOT, data: true, online: false });
    const dist = result.datasets[0]!.dataset.distributions[0]!;
    expect(dist.nationalSchema).toEqual({ id: 'scdl/subventions', version: '2.1.1', by: 'udata schema', declaredVersion: '2.1.1' });
    expect(dist.schema?.fields.map((f) => f.name)).toContain('idBeneficiaire');
    expect(dist.locations.schema?.pointer).toBe('/resources/0/schema');
  });
});
