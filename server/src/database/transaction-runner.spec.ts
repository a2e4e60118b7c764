import type { EntityManager } from 'typeorm';
import { TransactionScope } from './transaction-runner';

describe('TransactionScope before-commit steps', () => {
  it('runs the kept counts before the audit-chain head, whatever order they were registered in', async () => {
    const scope = new TransactionScope();
    const ran: string[] = [];
    const step = (name: string) => () => {
      ran.push(name);
      return Promise.resolve();
    };
    scope.beforeCommit(step('audit 1'), 'audit-chain');
    scope.beforeCommit(step('counts 1'), 'child-file-counts');
    scope.beforeCommit(step('audit 2'), 'audit-chain');
    scope.beforeCommit(step('counts 2'), 'child-file-counts');

    await scope.runSteps({} as EntityManager);

    expect(ran).toEqual(['counts 1', 'counts 2', 'audit 1', 'audit 2']);
  });
});
