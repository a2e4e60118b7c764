import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { DatabaseHealth } from './database-health';
import { PromiseWrappers } from './promise-wrappers';
import { TransactionRunner } from './transaction-runner';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(database: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRootAsync({ useFactory: () => dataSourceOptions(database) })],
      providers: [TransactionRunner, DatabaseHealth, PromiseWrappers],
      exports: [TransactionRunner, DatabaseHealth],
    };
  }
}
