import { Module } from '@nestjs/common';
import { InboxRepository } from './inbox.repository';
import { Inbox } from './inbox';

/** The in-app inbox's writer: a leaf every module that announces something may import. */
@Module({
  providers: [InboxRepository, Inbox],
  exports: [Inbox, InboxRepository],
})
export class InboxModule {}
