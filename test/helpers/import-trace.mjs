// `node --import ./test/helpers/import-trace.mjs …` appends every module URL the process loads
// to the file named by ODLINT_IMPORT_TRACE (one per line), to check what a run imports.
import { register } from 'node:module';

register('./import-trace-hooks.mjs', import.meta.url);
