import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANSWER_SCHEMAS_FILE, generateAnswerSchemas } from './answer-schemas.generator';

/** `npm run api-schemas -w server`: rewrites answer-schemas.json from the answer types. */
const serverRoot = join(__dirname, '../..');
writeFileSync(join(serverRoot, ANSWER_SCHEMAS_FILE), generateAnswerSchemas(serverRoot));
console.log(`wrote ${ANSWER_SCHEMAS_FILE}`);
