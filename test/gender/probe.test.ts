import { it } from 'vitest';
import { lintReport, FIXTURES, allFindings, brief } from '../helpers/lint.js';
it('probe', async () => {
  const r = await lintReport([FIXTURES + '/gender'], { presets: ['brussels'], rules: ['gender/total-missing=warning'] });
  for (const d of r.datasets) console.log(d.source.file, JSON.stringify(d.findings.filter(f => f.ruleId.startsWith('gender/')).map(f => [f.ruleId, f.messageId, f.severity, f.location, f.message]), null, 0));
  console.log(r.files, JSON.stringify(r.summary));
});
