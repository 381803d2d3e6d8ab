import type { Dashboard } from '@mlob/contracts';
import type { Database } from '../../../db/database';
import type { Actor } from '../../../platform/actor';
import { todayInCambodia } from '../../geography';
import { labViewOf } from '../labs.access';
import * as repo from './dashboard.repo';

/**
 * The network dashboard for the Bureau (a lab's staff see their own lab the same way): star
 * level over time from published audits, the latest section percentages (heat map), open
 * nonconformities and overdue actions, EQA performance and instruments out of service.
 * A handful of grouped queries, whatever the number of labs.
 */
export async function networkDashboard(options: { database: Database; actor: Actor }): Promise<Dashboard> {
  const db = options.database.db;
  const view = labViewOf(options.actor);
  const today = todayInCambodia();
  const { labs, audits, ncCounts, eqa, outOfService, sections } = await repo.dashboardFacts(db, view, today);
  return {
    sections: sections.map((s) => ({ number: s.number, title: s.title, titleKm: s.title_km })),
    labs: labs.map((lab) => {
      const own = audits.filter((a) => a.lab_code === lab.code);
      const latest = own.at(-1);
      const counts = ncCounts.find((c) => c.lab_code === lab.code);
      const rounds = eqa.filter((r) => r.lab_code === lab.code);
      return {
        code: lab.code,
        nameEn: lab.name_en,
        nameKm: lab.name_km,
        starsOverTime: own.map((a) => ({
          auditId: a.id,
          auditDate: a.audit_date,
          kind: a.kind,
          stars: a.stars,
          percent: Number(a.percent),
        })),
        latestStars: latest ? latest.stars : null,
        sectionPercents: latest
          ? (latest.section_scores as { number: number; percent: number }[]).map((s) => ({
              number: s.number,
              percent: s.percent,
            }))
          : [],
        openNcs: Number(counts?.open_ncs ?? 0),
        overdueActions: Number(counts?.overdue_actions ?? 0),
        eqa: {
          scored: rounds.length,
          satisfactory: rounds.filter((r) => r.is_satisfactory).length,
          latestPercents: rounds.slice(0, 2).map((r) => Number(r.score_percent)),
        },
        equipmentOutOfService: Number(outOfService.find((o) => o.lab_code === lab.code)?.n ?? 0),
      };
    }),
  };
}
