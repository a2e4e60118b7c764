import { Injectable } from '@nestjs/common';
import { childFileCapacity, type ChildFileCapacity } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { hasRole, type Actor } from '../access/actor';
import { OrdersRepository } from './orders.repository';

/**
 * How a caller sees one child's file (shared `childFileCapacity`), with whether their unit holds
 * an unresolved order about the child read from the orders: the file's page and the order page's
 * link to it ask the same question.
 */
@Injectable()
export class ChildFileHolding {
  constructor(private readonly orders: OrdersRepository) {}

  /** `manager`: the caller's transaction, when it holds the file's lock (see `childFilesHeldBy`). */
  async capacityOf(
    actor: Actor,
    file: { id: string; divisionCode: string },
    manager?: EntityManager,
  ): Promise<ChildFileCapacity | null> {
    const unit = actor.unit;
    const holds =
      unit !== null &&
      hasRole(actor, 'handler') &&
      (await this.orders.childFilesHeldBy(unit.id, [file.id], manager)).length > 0;
    return childFileCapacity(actor, file, holds);
  }
}
