import { Injectable } from '@nestjs/common';
import {
  mayKnowReporter,
  type DisclosureViewer,
  type ReportChild,
  type ReportDetails,
  type ReportReporter,
  type ReportRoutingView,
} from '@shouhu/shared';
import { Sealer } from '../crypto/sealer';
import { DivisionsService } from '../divisions/divisions.service';
import { UploadsService } from '../uploads/uploads.service';
import type { ReportEntity } from '../reports/report.entity';

interface SealedLocation {
  address?: string;
  latitude?: number;
  longitude?: number;
}

/** Opens a report for a handler or coordinator, disclosing the reporter only as the rules allow. */
@Injectable()
export class ReportDetailsBuilder {
  constructor(
    private readonly sealer: Sealer,
    private readonly divisions: DivisionsService,
    private readonly uploads: UploadsService,
  ) {}

  async build(report: ReportEntity, viewer: DisclosureViewer): Promise<ReportDetails> {
    if (report.purgedAt) return this.purged(report);
    const location = this.sealer.open<SealedLocation>(report.locationSealed);
    const privacy = {
      anonymous: report.reporterAnonymous,
      confidential: report.reporterConfidential,
    };
    let reporter: ReportDetails['reporter'] = { disclosed: false, ...privacy };
    if (report.reporterSealed && mayKnowReporter(privacy, viewer)) {
      const identity = this.sealer.open<Omit<ReportReporter, 'anonymous' | 'confidential'>>(
        report.reporterSealed,
      );
      reporter = {
        disclosed: true,
        ...privacy,
        ...identity,
        ...(report.reporterOrgName ? { orgName: report.reporterOrgName } : {}),
      };
    }
    const facts = await this.facts(report);
    return {
      ...facts,
      view: 'full',
      trackingCode: report.trackingCode,
      description: report.description,
      location: { ...facts.location, ...location },
      child: this.sealer.open<ReportChild>(report.childSealed),
      reporter,
      repeat: report.repeatReport,
      attachments: (await this.uploads.ofReport(report.id)).map(({ id, kind, mime, size }) => ({
        id,
        kind,
        mime,
        size,
      })),
    };
  }

  /**
   * What an administrator routes the admin queue from (`ReportRoutingView`): nothing sealed is
   * opened, and no free text (the description may name the child or the reporter).
   */
  async routing(report: ReportEntity): Promise<ReportRoutingView> {
    return { ...(await this.facts(report)), view: 'routing' };
  }

  /** A report past its retention period: what statistics keep, and when the rest was removed. */
  private async purged(report: ReportEntity): Promise<ReportDetails> {
    return {
      ...(await this.facts(report)),
      view: 'full',
      trackingCode: report.trackingCode,
      description: '',
      child: null,
      reporter: {
        disclosed: false,
        anonymous: report.reporterAnonymous,
        confidential: report.reporterConfidential,
      },
      repeat: report.repeatReport,
      attachments: [],
      purgedAt: report.purgedAt?.toISOString(),
    };
  }

  /** What every view of a report shows: nothing sealed, no free text, the place as divisions. */
  private async facts(report: ReportEntity): Promise<Omit<ReportRoutingView, 'view'>> {
    return {
      id: report.id,
      channel: report.channel,
      status: report.status,
      priority: report.priority,
      situations: report.situations,
      immediateDanger: report.immediateDanger,
      discoveredAt: report.discoveredAt.toISOString(),
      createdAt: report.createdAt.toISOString(),
      location: {
        divisionCode: report.divisionCode,
        divisionPath: await this.divisions.path(report.divisionCode),
      },
    };
  }
}
