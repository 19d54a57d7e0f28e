/**
 * Helpers shared by the gender rules (not a rule: the registry skips `_` files).
 */
import { defineAnalysis, type RuleContext, type RuleHooks } from '../../src/engine/rule-api.js';
import { GenderObservation } from '../../src/knowledge/gender/index.js';

/** The one detection pass over a table that every gender rule reads (and the report). */
export const GENDER_DETECTION = defineAnalysis('gender detection', (table) => new GenderObservation(table));

/**
 * The hooks of a rule that reads `datasetGender(ds)` in its `end` hook, with the hooks that have
 * each data file of the dataset observed, once whatever the number of rules (the rule sets
 * `needsRows`). Made per dataset: the rule's own hooks are spread after two keys, never first
 * (src/util/objects.ts).
 */
export function observeData(context: RuleContext<unknown>, hooks: RuleHooks): RuleHooks {
  let observation: GenderObservation | undefined;
  return {
    table(table) {
      observation = context.analysis(GENDER_DETECTION, table);
    },
    endTable(_table, _summary, _dist, ds) {
      observation?.recordFor(ds);
      observation = undefined;
    },
    ...hooks,
  };
}
