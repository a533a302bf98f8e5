import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkConfidentiality, type ConfidentialityCountsResponse } from '@als/shared';
import { LiveSessionsService } from '@api/live/live-sessions.service';

/**
 * How many of a set's texts carry something that may identify a person (the confidentiality
 * check of libs/shared): case texts, round contributions by web and by e-mail, live questions.
 * Counts by kind and by source only; the facilitator never sees which text or what was found.
 */
@Injectable()
export class ConfidentialityCountsService {
  constructor(
    private readonly db: DataSource,
    private readonly live: LiveSessionsService,
  ) {}

  async forSet(setId: string): Promise<ConfidentialityCountsResponse> {
    const texts: { source: string; text: string }[] = [];
    const cases = (await this.db.query(`SELECT "caseText" FROM "rounds" WHERE "setId" = $1`, [setId])) as { caseText: string }[];
    texts.push(...cases.map((c) => ({ source: 'case', text: c.caseText })));
    const contributions = (await this.db.query(`SELECT c."body", c."via" FROM "round_contributions" c JOIN "rounds" r ON r."id" = c."roundId" WHERE r."setId" = $1`, [setId])) as { body: string; via: string }[];
    texts.push(...contributions.map((c) => ({ source: c.via === 'email' ? 'email-reply' : 'contribution', text: c.body })));
    const sessions = (await this.db.query(`SELECT ls."meetingId" FROM "live_sessions" ls JOIN "meetings" m ON m."id" = ls."meetingId" WHERE m."setId" = $1 AND ls."seq" > 0`, [setId])) as { meetingId: string }[];
    for (const { meetingId } of sessions) {
      const { state } = await this.live.current(meetingId);
      texts.push(...state.questions.map((q) => ({ source: 'live-question', text: q.text })));
    }
    const result: ConfidentialityCountsResponse = { checked: texts.length, flagged: 0, byKind: {}, bySource: {} };
    for (const { source, text } of texts) {
      const findings = checkConfidentiality(text);
      if (findings.length === 0) continue;
      result.flagged++;
      result.bySource[source] = (result.bySource[source] ?? 0) + 1;
      for (const f of findings) result.byKind[f.kind] = (result.byKind[f.kind] ?? 0) + 1;
    }
    return result;
  }
}
