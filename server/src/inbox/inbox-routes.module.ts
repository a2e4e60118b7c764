import { Module } from '@nestjs/common';
import { InboxController } from './inbox.controller';
import { InboxModule } from './inbox.module';
import { InboxService } from './inbox.service';

/** The inbox's routes: each person's own messages. Kept apart so the writer stays a leaf. */
@Module({
  imports: [InboxModule],
  controllers: [InboxController],
  providers: [InboxService],
})
export class InboxRoutesModule {}
