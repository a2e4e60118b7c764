import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANSWER_SCHEMAS_FILE, generateAnswerSchemas } from './answer-schemas.generator';

const serverRoot = join(__dirname, '../..');

describe('answer-schemas.json', () => {
  it('is what the answer types generate now (run `npm run api-schemas -w server` after changing one)', () => {
    const committed = readFileSync(join(serverRoot, ANSWER_SCHEMAS_FILE), 'utf8');

    expect(committed).toBe(generateAnswerSchemas(serverRoot));
  });
});
