import { expect } from 'chai';
import { DateTime } from 'luxon';
import { ManualClock } from '../../bot/time/clock.js';
import { programmeInstruments } from '../../bot/config/programmeSchema.js';
import { ITEM_CSV_COLUMNS } from '../../bot/care/reports/itemCsv.js';
import { WAVE_SUMMARY_COLUMNS } from '../../bot/care/reports/waveSummaryCsv.js';
import { hashPassword } from '../../bot/staff/passwordHash.js';
import { scoreInstrument } from '../../dialogs/instruments/scoreInstrument.js';
import { openStaffStore } from '../../storage/lowdb/lowdbStaff.js';
import type { ClientRecord, ItemResponseRecord, ScoreRecord, StaffRole } from '../../storage/records.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { Browser, PASSWORD } from './staffRig.js';

/** What a client answered in one wave: instrument id → item id → option id (choice) or number (scale); null skips the item. */
type Answers = Record<string, Record<string, string | number | null>>;

const NOW = DateTime.fromISO('2026-03-02T09:00:00Z');
const LONELY_OTHERS = ['some_of_the_time', 'occasionally', 'hardly_ever', 'never', 'some_of_the_time'];

describe('registerOutcomesPage', () => {
  let t: TestApp;
  let logLines: string[];
  let clients: ClientRecord[];
  const browsers = new Map<StaffRole, Browser>();

  before(async () => {
    logLines = [];
    t = await startTestApp({ clock: new ManualClock(NOW), logSink: (line) => logLines.push(line) });
    const accounts = openStaffStore(t.dataDir).accounts;
    for (const [n, role] of (['duty', 'admin', 'link-worker'] as const).entries()) {
      const email = `${role}@example.org`;
      await accounts.create({
        id: `staff-000${n + 1}`,
        email,
        name: `Staff ${role}`,
        role,
        linkWorkerId: role === 'link-worker' ? 'sam' : undefined,
        passwordHash: await hashPassword(PASSWORD),
        failedAttempts: 0,
        createdAt: NOW.toISO()!,
      });
      const browser = new Browser(t.url);
      expect((await browser.signIn(email, PASSWORD)).status).to.equal(303);
      browsers.set(role, browser);
    }

    // Ten clients at baseline: UCLA-3 3..7 twice over, five often/always lonely, 0–4 groups.
    // At week 8 the same ten are asked; all answer UCLA-3, only three the ONS question.
    clients = [];
    for (let n = 0; n < 10; n += 1) {
      const created = await t.app.store.clients.create({
        programmeId: 'demo',
        name: `Outcome Client ${n}`,
        phone: `+4477009003${String(n).padStart(2, '0')}`,
        timezone: 'Europe/London',
        linkWorkerId: 'sam',
        channel: 'sms',
        createdAt: '2025-12-01T09:00:00.000Z',
      });
      if (!created.ok) throw new Error('client not created');
      const client = created.client;
      clients.push(client);
      const ucla = ['hardly_ever_or_never', 'some_of_the_time', 'often'];
      await recordWave(client, 'baseline', '2025-12-01T10:00:00.000Z', {
        ucla3: { lack_companionship: ucla[n % 3]!, left_out: ucla[(n + 1) % 3]!, isolated: ucla[Math.floor(n / 5)]! },
        'ons-loneliness': { lonely: n < 5 ? 'often_always' : LONELY_OTHERS[n - 5]! },
        groups: { count: n % 5 },
      });
      await recordWave(client, 'week-8', '2026-01-26T10:00:00.000Z', {
        ucla3: { lack_companionship: 'hardly_ever_or_never', left_out: 'hardly_ever_or_never', isolated: 'some_of_the_time' },
        'ons-loneliness': { lonely: n < 3 ? 'occasionally' : null },
      });
      // Six clients went to the walk; five missed the next one because of transport.
      if (n < 6) await attend(client, '2026-01-07', 'went');
      if (n < 5) await attend(client, '2026-01-14', 'didnt', ['transport']);
    }
  });

  after(async () => {
    await t.close();
  });

  async function recordWave(client: ClientRecord, waveId: string, startedAt: string, answers: Answers): Promise<void> {
    const library = programmeInstruments(t.programme);
    const checkInId = `${client.id}-${waveId}`;
    const local = DateTime.fromISO(startedAt, { zone: client.timezone }).toFormat("yyyy-MM-dd'T'HH:mm");
    await t.app.store.clients.startCheckIn({
      id: checkInId,
      clientId: client.id,
      channel: 'sms',
      instrumentIds: Object.keys(answers),
      status: 'open',
      startedAt,
      kind: 'wave',
      occurrenceKey: `${client.id}|wave|${waveId}|${local}`,
    });
    const scores: ScoreRecord[] = [];
    for (const [instrumentId, items] of Object.entries(answers)) {
      const instrument = library.get(instrumentId)!;
      const values: Array<{ itemId: string; value: number | null }> = [];
      for (const item of instrument.items) {
        const given = items[item.id] ?? null;
        const option = item.kind === 'choice' ? item.options.find((o) => o.id === given) : undefined;
        const value = option ? option.code : typeof given === 'number' ? given : null;
        const response: ItemResponseRecord = {
          checkInId,
          instrumentId,
          instrumentVersion: instrument.version,
          itemId: item.id,
          value,
          optionId: option?.id ?? null,
          status: value === null ? 'skipped' : 'answered',
          raw: value === null ? 'skip' : String(option?.key ?? value),
          channel: 'sms',
          answeredAt: startedAt,
        };
        await t.app.store.clients.recordResponse(client.id, response);
        values.push({ itemId: item.id, value });
      }
      const scored = scoreInstrument(instrument, values);
      if (scored)
        scores.push({
          checkInId,
          instrumentId,
          instrumentVersion: instrument.version,
          score: scored.score,
          complete: scored.complete,
          computedAt: startedAt,
          band: scored.band,
        });
    }
    await t.app.store.clients.endCheckIn(client.id, checkInId, { status: 'completed', endedAt: startedAt }, scores);
  }

  async function attend(client: ClientRecord, day: string, attendance: 'went' | 'didnt', barriers: string[] = []): Promise<void> {
    const session = { sessionKey: `wednesday-walk|${day}T10:00`, groupId: 'wednesday-walk', sessionStart: `${day}T10:00:00.000Z` };
    await t.app.store.clients.recordAttendance(client.id, session, () => ({
      ...session,
      attendance,
      barriers,
      channel: 'sms',
      updatedAt: `${day}T18:00:00.000Z`,
    }));
  }

  /** The page from the heading with this id to the end of its section (or of the first section inside it). */
  function section(body: string, id: string): string {
    const start = body.indexOf(` id="${id}">`);
    expect(start, `section ${id}`).to.be.greaterThan(-1);
    return body.slice(start, body.indexOf('</section>', start));
  }

  /** The cells of the table row whose header cell starts with `rowHeader` and (if given) has `measure` next. */
  function row(sectionHtml: string, rowHeader: string, measure?: string): string[] {
    const rows = [...sectionHtml.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
      [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()),
    );
    const found = rows.find((cells) => cells[0]!.startsWith(rowHeader) && (measure === undefined || cells[1] === measure));
    expect(found, `row ${rowHeader} ${measure ?? ''}`).to.not.equal(undefined);
    return found!;
  }

  it('shows each wave’s clients asked and answering, and "<5" where fewer than five answered, explained once', async () => {
    const page = await browsers.get('duty')!.get('/staff/outcomes');
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    expect(page.body.match(/id="suppression-note"/g)).to.have.length(1);
    expect(page.body).to.include('fewer than 5 clients').and.include('Figures as at 2 Mar 2026, 09:00.');

    const baseline = section(page.body, 'wave-baseline');
    expect(baseline).to.match(/Clients asked<\/dt><dd>10</);
    expect(baseline).to.match(/Often or always lonely<\/dt><dd>50%</);
    // Instrument, measure, answering, n, median (IQR), often/always.
    expect(row(baseline, 'UCLA 3-item loneliness scale', 'Total score').slice(0, 4)).to.deep.equal([
      'UCLA 3-item loneliness scale (version 1)',
      'Total score',
      '10',
      '10',
    ]);
    expect(row(baseline, 'ONS direct loneliness question')[5], 'no change column at baseline').to.equal('50% (5 clients)');
    expect(row(baseline, 'Number of groups')[3]).to.equal('10');
    expect(row(baseline, 'Number of groups')[4]).to.equal('2 (1–3)');

    const week8 = section(page.body, 'wave-week-8');
    expect(week8).to.match(/Clients asked<\/dt><dd>10</);
    const ucla = row(week8, 'UCLA 3-item loneliness scale');
    expect(ucla.slice(2, 4)).to.deep.equal(['10', '10']);
    expect(ucla[4]).to.equal('4 (4–4)');
    expect(ucla[5], 'median change from baseline, paired n').to.equal('−1.5 (10)');
    const ons = row(week8, 'ONS direct loneliness question');
    expect(ons[2], 'three answered the ONS question').to.equal('&#60;5');
    expect(ons[3]).to.equal('&#60;5');

    const end = section(page.body, 'wave-programme-end');
    expect(end)
      .to.match(/Clients asked<\/dt><dd>0</)
      .and.include('No client has been asked for this wave yet.')
      .and.not.include('<table');
  });

  it('draws the charts from this server’s scripts, each chart with its table', async () => {
    const page = await browsers.get('admin')!.get('/staff/outcomes');
    expect(page.body).to.include('<script src="/staff/static/chart.umd.js" defer></script>');
    expect(page.body)
      .not.to.match(/<script src="https?:/)
      .and.not.include('style=')
      .and.not.include('<style');
    for (const id of ['ucla3-chart', 'lonely-chart', 'ons4-chart', 'groups-chart', 'attendance-chart', 'barriers-chart']) {
      expect(page.body, id).to.include(`data-chart="${id}"`);
      const data = JSON.parse(new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(page.body)![1]!) as {
        kind: string;
        series: unknown[];
      };
      expect(data.kind).to.equal('bar');
    }
    const ucla = JSON.parse(/<script type="application\/json" id="ucla3-chart">([^<]*)<\/script>/.exec(page.body)![1]!) as {
      categories: string[];
      series: Array<{ points: Array<{ y: number | null }> }>;
    };
    expect(ucla.categories).to.deep.equal(['Baseline', 'Week 8', 'Programme end', 'Month 18']);
    expect(ucla.series[0]!.points.map((p) => p.y)).to.deep.equal([5.5, 4, null, null]);
    const attendance = section(page.body, 'attendance-title');
    expect(row(attendance, 'Went')[1]).to.equal('6');
    expect(row(attendance, 'Didn&#39;t go')[1]).to.equal('5');
    expect(row(section(page.body, 'barriers-title'), 'Transport').slice(1)).to.deep.equal(['5', '&#60;5']);
    expect(page.body).to.include('<caption id="ucla3-chart-table">');
  });

  it('refuses a link worker, even for their own caseload, and every download', async () => {
    for (const path of ['/staff/outcomes', '/staff/outcomes/items.csv', '/staff/outcomes/waves.csv', '/staff/outcomes/attendance.csv']) {
      const page = await browsers.get('link-worker')!.get(path);
      expect(page.status, path).to.equal(403);
      expect(page.body, path).not.to.include('Outcome Client');
    }
  });

  it('sends someone not signed in to sign in, and back to the outcomes after', async () => {
    const page = await new Browser(t.url).get('/staff/outcomes');
    expect(page.status).to.equal(303);
    expect(page.location).to.equal('/staff/sign-in?next=%2Fstaff%2Foutcomes');
    const download = await new Browser(t.url).get('/staff/outcomes/items.csv');
    expect(download.status).to.equal(303);
    const fetched = await fetch(`${t.url}/staff/outcomes/waves.csv`, { headers: { Accept: 'text/csv' } });
    expect(fetched.status).to.equal(401);
  });

  it('downloads the item-level CSV: one row per stored answer, with instrument versions, and no names or phone numbers', async () => {
    const before = logLines.length;
    const file = await browsers.get('duty')!.get('/staff/outcomes/items.csv');
    expect(file.status).to.equal(200);
    expect(file.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).to.equal('attachment; filename="linkwell-demo-items-2026-03-02.csv"');
    expect(file.headers.get('cache-control')).to.equal('no-store');
    const lines = file.body.split('\r\n');
    expect(lines.pop()).to.equal('');
    expect(lines[0]).to.equal(ITEM_CSV_COLUMNS.join(','));
    let stored = 0;
    for (const client of await t.app.store.clients.list()) stored += (await t.app.store.clients.history(client.id)).responses.length;
    expect(lines.length - 1).to.equal(stored);
    // Per client: UCLA-3 (3 items), ONS (1), groups (1) at baseline; UCLA-3 and ONS at week 8.
    expect(stored).to.equal(10 * (5 + 4));
    const rows = lines.slice(1).map((line) => line.split(','));
    const column = (name: (typeof ITEM_CSV_COLUMNS)[number]) => ITEM_CSV_COLUMNS.indexOf(name);
    expect(rows.every((r) => r[column('instrument_version')] === '1')).to.equal(true);
    expect(new Set(rows.map((r) => r[column('wave_id')]))).to.deep.equal(new Set(['baseline', 'week-8']));
    expect(rows.filter((r) => r[column('status')] === 'skipped')).to.have.length(7);
    for (const client of clients) {
      expect(file.body).to.include(client.id);
      expect(file.body).not.to.include(client.name).and.not.include(client.phone).and.not.include(client.phone.slice(1));
    }
    const logged = logLines.slice(before).filter((line) => line.includes('outcomes downloaded'));
    expect(logged).to.have.length(1);
    expect(JSON.parse(logged[0]!)).to.include({
      staffId: 'staff-0001',
      role: 'duty',
      download: 'items.csv',
      programmeId: 'demo',
      time: '2026-03-02T09:00:00.000Z',
    });
    expect(logged[0]).not.to.include(clients[0]!.id);
  });

  it('downloads the wave summary and attendance CSVs, suppressed as on the page, and logs each', async () => {
    const before = logLines.length;
    const waves = await browsers.get('admin')!.get('/staff/outcomes/waves.csv');
    expect(waves.status).to.equal(200);
    expect(waves.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    expect(waves.headers.get('content-disposition')).to.equal('attachment; filename="linkwell-demo-waves-2026-03-02.csv"');
    const lines = waves.body.split('\r\n');
    expect(lines[0]).to.equal(WAVE_SUMMARY_COLUMNS.join(','));
    expect(lines).to.include('baseline,ucla3,1,score,10,10,10,5.5,5,6,,,,');
    expect(lines.find((l) => l.startsWith('week-8,ons-loneliness,1,lonely,'))).to.match(/^week-8,ons-loneliness,1,lonely,10,<5,<5,/);
    expect(waves.body).not.to.include('Outcome Client');

    const attendance = await browsers.get('duty')!.get('/staff/outcomes/attendance.csv');
    expect(attendance.status).to.equal(200);
    expect(attendance.headers.get('content-disposition')).to.equal('attachment; filename="linkwell-demo-attendance-2026-03-02.csv"');
    expect(attendance.body.split('\r\n')).to.include.members(['row,sessions,clients', 'went,6,', 'didnt,5,', 'barrier:transport,5,<5']);

    const logged = logLines
      .slice(before)
      .filter((line) => line.includes('outcomes downloaded'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.map((l) => [l.download, l.role])).to.deep.equal([
      ['waves.csv', 'admin'],
      ['attendance.csv', 'duty'],
    ]);
  });
});
