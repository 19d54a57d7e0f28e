// `node --import ./test/helpers/import-trace.mjs …` appends every module URL the process loads
// to the file named by ODLINT_IMPORT_TRACE (one per line), to check what a run imports. Worker
// threads inherit the flag; with ODLINT_IMPORT_TRACE_THREADS=1 each line starts with the
// thread's id and a tab (0: the main thread).
import { register } from 'node:module';
import { threadId } from 'node:worker_threads';

register('./import-trace-hooks.mjs', import.meta.url, { data: { thread: threadId } });
