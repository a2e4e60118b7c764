import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock';
import { AlertsRepository } from './alerts.repository';

export interface AdminAlert {
  id: string;
  kind: string;
  message: string;
  createdAt: string;
}

@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: AlertsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Raises an alert once; raising the same key again changes nothing. */
  async raise(
    kind: string,
    dedupeKey: string,
    message: string,
    manager?: EntityManager,
  ): Promise<void> {
    await this.alerts.insertOnce(
      {
        id: randomUUID(),
        kind,
        dedupeKey,
        message,
        createdAt: this.clock.now(),
      },
      manager,
    );
  }

  async list(): Promise<AdminAlert[]> {
    const rows = await this.alerts.latest(200);
    return rows.map(({ id, kind, message, createdAt }) => ({
      id,
      kind,
      message,
      createdAt: createdAt.toISOString(),
    }));
  }
}
