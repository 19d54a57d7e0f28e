import { defineRule, locate } from '../../src/engine/rule-api.js';
import type { Dataset, SourceLocation } from '../../src/model/index.js';
import { atMost, words } from '../../src/knowledge/personal-data/index.js';
import { GDPR_RATIONALE, PERSONAL_DATA_SCAN, PersonalDataFinder, SAMPLE_SIZE_OPTION, type FoundPersonalData } from './_shared.js';

interface Options {
  noPersonalDataFields: string[];
  anonymisedFields: string[];
  phrases: string[];
  sampleSize: number;
  threshold: number;
}

/** A statement in the metadata that the data hold no personal data, or are anonymised. */
interface Declaration {
  what: string;
  where: string;
  location: SourceLocation;
}

const FALSE_VALUES = new Set(['false', 'no', 'non', 'nee', 'nein', '0', 'none', 'aucune', 'aucun', 'geen', 'keine', 'kein', 'n', 'off']);
const TRUE_VALUES = new Set(['true', 'yes', 'oui', 'ja', '1', 'y', 'on', 'anonymised', 'anonymized', 'anonymise', 'geanonimiseerd', 'anonymisiert']);

/** Extras keys compared without case, accents or punctuation (`Données personnelles` = `donnees_personnelles`). */
const keyOf = (k: string) => words(k).join('');

function valueWords(v: unknown): string | undefined {
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return words(v).join(' ');
  return undefined;
}

/** The option lists, tokenised once per options object (not once per dataset: it showed in profiles). */
interface Vocabulary {
  noPersonal: Set<string>;
  anonymised: Set<string>;
  phrases: string[];
}
const vocabularies = new WeakMap<Options, Vocabulary>();
function vocabularyOf(o: Options): Vocabulary {
  let v = vocabularies.get(o);
  if (!v) {
    v = { noPersonal: new Set(o.noPersonalDataFields.map(keyOf)), anonymised: new Set(o.anonymisedFields.map(keyOf)), phrases: o.phrases.map((p) => ` ${words(p).join(' ')} `) };
    vocabularies.set(o, v);
  }
  return v;
}

function declarations(ds: Dataset, o: Options): Declaration[] {
  const out: Declaration[] = [];
  const { noPersonal, anonymised, phrases } = vocabularyOf(o);
  if (ds.flags.concernsIndividuals === false) {
    out.push({ what: 'that the data do not concern individuals', where: 'concernsIndividuals', location: locate(ds, 'flags.concernsIndividuals') });
  }
  for (const [key, value] of Object.entries(ds.extras)) {
    const v = valueWords(value);
    if (v === undefined) continue;
    if (noPersonal.has(keyOf(key)) && FALSE_VALUES.has(v)) {
      out.push({ what: 'no personal data', where: key, location: locate(ds, `extras.${key}`) });
    } else if (anonymised.has(keyOf(key)) && TRUE_VALUES.has(v)) {
      out.push({ what: 'anonymised data', where: key, location: locate(ds, `extras.${key}`) });
    }
  }
  for (const property of ['description', 'rights', 'accessRights'] as const) {
    const value = ds[property];
    const texts = typeof value === 'string' ? [value] : Object.values(value ?? {});
    const said = texts.map((t) => ` ${words(t).join(' ')} `);
    const phrase = phrases.find((p) => said.some((t) => affirms(t, p)));
    if (phrase) out.push({ what: `"${phrase.trim()}"`, where: property, location: locate(ds, property) });
  }
  return out;
}

const NEGATIONS = new Set(['not', 'non', 'niet', 'nicht', 'pas', 'never', 'jamais', 'nooit', 'nie']);

/** The text contains the phrase and does not negate it just before (`non anonymisé`, `not anonymised`). */
function affirms(text: string, phrase: string): boolean {
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    const before = text.slice(0, at).trim().split(' ').at(-1) ?? '';
    if (!NEGATIONS.has(before)) return true;
  }
  return false;
}

/** `column "rrn": Belgian national register number (NISS/BIS), e.g. 85.07.30-***-**; ...` (at most 5). */
function describe(found: FoundPersonalData[]): string {
  const items = found.slice(0, 5).map((f) => `column "${f.column}": ${f.kind}${f.sample ? `, e.g. ${f.sample}` : ''}`);
  if (found.length > 5) items.push(`and ${found.length - 5} more`);
  return items.join('; ');
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'personal-data/metadata-contradiction',
    family: 'personal-data',
    description: 'The metadata say the data hold no personal data, are anonymised or do not concern individuals, but the data files hold personal data.',
    rationale:
      'A declaration of anonymisation that the data contradict misleads re-users and the data protection officer: anonymised ' +
      'data must not allow identification by any reasonably likely means (GDPR recital 26; Article 29 WP Opinion 05/2014). ' +
      'The Brussels portal flag "concerns individuals" and portal extras on personal data are checked against the files. ' +
      GDPR_RATIONALE,
    severity: 'error',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: {
      properties: {
        noPersonalDataFields: {
          type: 'array',
          items: { type: 'string' },
          description: 'Extras fields whose false/no value declares "no personal data".',
        },
        anonymisedFields: {
          type: 'array',
          items: { type: 'string' },
          description: 'Extras fields whose true/yes value declares "anonymised".',
        },
        phrases: {
          type: 'array',
          items: { type: 'string' },
          description: 'Phrases in the description, rights or access rights that declare anonymised data or no personal data.',
        },
        ...SAMPLE_SIZE_OPTION,
        threshold: { type: 'integer', minimum: 2, description: 'k below which quasi-identifiers count as identifying (default 5).' },
      },
    },
    defaultOptions: {
      noPersonalDataFields: [
        'personal_data', 'contains_personal_data', 'has_personal_data', 'personal-data', 'donnees_personnelles',
        'donnees_a_caractere_personnel', 'persoonsgegevens', 'bevat_persoonsgegevens', 'personenbezogene_daten', 'gdpr',
        'rgpd', 'avg', 'dsgvo',
      ],
      anonymisedFields: [
        'anonymised', 'anonymized', 'anonymisation', 'anonymization', 'is_anonymised', 'is_anonymized', 'anonymise',
        'anonymisee', 'geanonimiseerd', 'anonimisering', 'anonymisiert', 'anonymisierung',
      ],
      phrases: [
        'anonymised', 'anonymized', 'anonymisées', 'anonymisés', 'anonymisé', 'anonymisée', 'geanonimiseerd', 'geanonimiseerde',
        'anonymisiert', 'anonymisierte', 'no personal data', 'does not contain personal data', 'pas de données personnelles',
        'aucune donnée personnelle', 'aucune donnée à caractère personnel', 'geen persoonsgegevens', 'keine personenbezogenen Daten',
      ],
      sampleSize: 1000,
      threshold: 5,
    },
    messages: {
      contradiction: 'the metadata declare {{declaration}} ({{field}}), but {{file}} holds personal data: {{found}}',
    },
  },
  create(context) {
    // Read at the dataset's first data file, not in a `dataset` hook: most datasets of a
    // catalogue have no local data file (or the run is --no-data), and tokenising their texts
    // showed in profiles for nothing. A data file linted on its own has no metadata to declare.
    let declared: Declaration[] | undefined;
    let finder: PersonalDataFinder | undefined;
    return {
      table(table, _dist, ds) {
        declared ??= ds.source.format === 'data-file' ? [] : declarations(ds, context.options);
        // Without a declaration there is nothing to contradict: the scan is not even asked.
        const { sampleSize, threshold } = context.options;
        finder = declared.length ? new PersonalDataFinder(context.analysis(PERSONAL_DATA_SCAN, table), sampleSize, threshold) : undefined;
      },
      endTable(table) {
        const found = finder?.found() ?? [];
        finder = undefined;
        if (found.length === 0) return;
        // Check digits make the contradiction certain; names, e-mails or k are strong hints only.
        const severity = found.some((f) => f.validated) ? context.severity : atMost('warning', context.severity);
        for (const d of declared ?? []) {
          context.report({
            messageId: 'contradiction',
            severity,
            data: { declaration: d.what, field: d.where, file: table.file, found: describe(found) },
            location: d.location,
          });
        }
      },
    };
  },
});
