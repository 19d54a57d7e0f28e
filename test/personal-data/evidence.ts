import type { ColumnEvidence } from '../../src/knowledge/personal-data/index.js';

/** A value scan's evidence as plain data, per column and kind (without the detector functions), for `toEqual`. */
export const plainEvidence = (evidence: ColumnEvidence[], kinds: readonly string[]) =>
  evidence.map((ev) => ({
    column: ev.column.name,
    sampled: ev.sampled,
    freeText: ev.freeText,
    kinds: [...ev.kinds.values()].filter((k) => kinds.includes(k.kind)).map(({ detector: _, ...k }) => k),
  }));
