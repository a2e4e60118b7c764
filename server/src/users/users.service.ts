import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { TransactionRunner } from '../database/transaction-runner';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Locks a user out at once: every token they hold stops working. */
  async disable(actor: Actor, userId: string): Promise<{ id: string; disabled: true }> {
    const user = await this.users.findById(userId);
    if (!user) throw ApiException.notFound('没有找到这个用户');
    if (user.id === actor.user.id) throw ApiException.forbidden('不能停用自己的账号');
    await this.transactions.run(async (manager) => {
      await this.users.disable(manager, user.id);
      await this.audit.record(manager, actor, {
        action: 'user.disable',
        targetType: 'user',
        targetId: user.id,
        divisionCode: null,
      });
    });
    return { id: user.id, disabled: true };
  }
}
