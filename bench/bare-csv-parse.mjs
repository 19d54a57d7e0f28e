// The baseline: csv-parse's documented streaming API over the file, counting records, nothing else.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

let records = 0;
const parser = createReadStream(process.argv[2], { highWaterMark: 256 * 1024 }).pipe(parse({ relax_column_count: true }));
parser.on('data', () => records++);
parser.on('end', () => console.log(records));
parser.on('error', (err) => {
  console.error(err.message);
  process.exitCode = 1;
});
