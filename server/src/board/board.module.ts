import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { BoardController } from './board.controller';
import { BoardRepository } from './board.repository';
import { BoardService } from './board.service';

@Module({
  imports: [UnitsModule],
  controllers: [BoardController],
  providers: [BoardRepository, BoardService],
})
export class BoardModule {}
