import { randomUUID } from 'node:crypto';
import {
  idNumberCheckCharacter,
  type AuditEntry,
  type AuthResponse,
  type Page,
} from '@shouhu/shared';
import { aChildFile } from '../factories/child-file.factory';
import { aPhoto } from '../factories/media.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aSessionWith, devLogin } from '../factories/session.factory';
import { aUnit } from '../factories/unit.factory';
import { aVisit, postVisit } from '../factories/visit.factory';
import {
  HOME_COUNTY,
  HOME_TOWN,
  HOME_VILLAGE,
  ROLE_NAMES,
  aWorld,
  sessionsFor,
  type RoleName,
} from '../factories/world.factory';
import { http } from '../setup/http';
import { routeTable } from '../setup/route-table';
import { startTestApp, type TestApp } from '../setup/test-app';
import { startWechatStandIn, type WechatStandIn } from '../setup/wechat-stand-in';

/**
 * domain.md, Privacy: nothing a role may not see reaches it by another road. Reports whose identity
 * fields carry unique canary strings go through their orders; then every GET route the server
 * serves (read from its route table, so new routes are covered unaided) is called as every role of
 * the world, with path parameters filled from every id and code seen so far, and no answer — JSON
 * or not, errors included — may carry an identity the role may not know.
 */

type Privacy = 'anonymous' | 'confidential' | 'named';
type Group = 'child' | 'reporter';

interface Filed {
  label: string;
  id: string;
  privacy: Privacy;
  /** The role that filed it; null for an account of its own, outside the roles. */
  owner: RoleName | null;
  /** In 泗县 with a township order in the world's home township: the handler holds it. */
  home: boolean;
  filer: AuthResponse;
  /** The filer's WeChat openid, when the test made the account. */
  openid: string | null;
  /** Canaries by group; the filer's ids are in `reporter` only when the account filed nothing else. */
  canaries: Record<Group, string[]>;
}

/**
 * Who may know what, written from domain.md (not from the server's disclosure code): the filer
 * knows their own report; the handler of the report's township order sees the child, and the
 * reporter only when named; the county's coordinator sees the child, and the reporter unless
 * anonymous; nobody else sees either — the admin included ("never a child's or a reporter's
 * identity"), and the other county's people, and every other reporter.
 */
function mayKnow(role: RoleName, report: Filed, group: Group): boolean {
  if (role === report.owner) return true;
  if (!report.home) return false;
  if (role === 'handler') return group === 'child' || report.privacy === 'named';
  if (role === 'coordinator') return group === 'child' || report.privacy !== 'anonymous';
  return false;
}

/**
 * Who may know the child of a file a village worker opened (摸排) in the home township's first
 * village, with no report about them, and what visits to the child found: the village's 儿童主任
 * and the township's supervisor, who keep it, and the county's coordinator (domain.md, "Who sees
 * a file").
 */
const SURVEY_KEEPERS: readonly RoleName[] = ['village', 'handler', 'coordinator'];

const CJK = '甲乙丙丁戊己庚辛壬癸';
let serial = 0;

/** A valid 身份证号 of the test county for a birth date `YYYY-MM-DD`, unique per call. */
function anIdNumber(birthDate: string): string {
  serial += 1;
  const first17 = `${HOME_COUNTY}${birthDate.replaceAll('-', '')}${String(serial).padStart(3, '0')}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

function childCanaries(n: number) {
  const tag = CJK[n];
  const birthDate = `201${n}-0${(n % 9) + 1}-1${n}`;
  const child = {
    name: `哨童${tag}`,
    gender: 'female' as const,
    birthDate,
    idNumber: anIdNumber(birthDate),
    school: `哨校${tag}小学`,
    guardianName: `哨监${tag}`,
    guardianPhone: `1391000000${n}`,
  };
  const address = `哨址${tag}路${n}号`;
  // Everything but the gender names the child.
  const strings = [child.name, birthDate, child.idNumber, child.school, child.guardianName];
  return { child, address, strings: [...strings, child.guardianPhone, address] };
}

const RESOLUTION = {
  outcome: 'answered',
  reporterSummary: '已电话答复并说明了后续帮扶安排。',
  detail: '电话答复。',
};

describe('identity leaks: every GET route × every role', () => {
  let sut: TestApp;
  let wechat: WechatStandIn;
  let sessions: Record<RoleName, AuthResponse | null>;
  const filed: Filed[] = [];
  /** Canaries of the surveyed file's child and guardian. */
  const surveyed: string[] = [];
  /** Ids and codes seen so far, by the key they came under. */
  const seen = new Map<string, Set<string>>();

  function harvest(value: unknown, key = ''): void {
    if (Array.isArray(value)) {
      value.forEach((item) => harvest(item, key));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) harvest(v, k);
    } else if (typeof value === 'string') {
      if (key === 'id' || key.endsWith('Id') || key.endsWith('Code')) remember(key, value);
      const year = /^(\d{4})-\d{2}-\d{2}T/.exec(value);
      if (year) remember('year', year[1]);
    }
  }

  function remember(key: string, value: string): void {
    if (!seen.has(key)) seen.set(key, new Set());
    seen.get(key)!.add(value);
  }

  const token = (role: RoleName) => sessions[role]?.token ?? '';

  async function file(options: {
    n: number;
    privacy: Privacy;
    owner: RoleName | null;
    filer?: { session: AuthResponse; openid: string | null };
    channel?: 'public' | 'mandatory' | 'hotline';
    situations?: string[];
    divisionCode?: string;
    withPhoto?: boolean;
  }): Promise<Filed> {
    const { session: filer, openid } = options.filer ?? (await anAccount());
    const attachments = options.withPhoto ? [await uploadAPhoto(filer.token)] : undefined;
    const { child, address, strings } = childCanaries(options.n);
    const tag = CJK[options.n];
    const named = options.privacy !== 'anonymous';
    const reporter = named
      ? {
          anonymous: false,
          confidential: options.privacy === 'confidential',
          name: `哨报${tag}`,
          phone: `1392000000${options.n}`,
        }
      : { anonymous: true, confidential: false, name: undefined, phone: undefined };
    const created = await submitReport(sut.baseUrl, filer.token, {
      channel: options.channel ?? 'public',
      situations: (options.situations ?? ['dropout']) as never,
      location: { divisionCode: options.divisionCode ?? HOME_TOWN, address },
      child,
      reporter,
      ...(attachments ? { attachments } : {}),
    });
    harvest(created);
    const report: Filed = {
      label: `${options.privacy} ${options.channel ?? 'public'} #${options.n}`,
      id: created.id,
      privacy: options.privacy,
      owner: options.owner,
      home: (options.divisionCode ?? HOME_TOWN).startsWith(HOME_TOWN),
      filer,
      openid,
      canaries: {
        child: strings,
        reporter: named ? [reporter.name!, reporter.phone!] : [],
      },
    };
    filed.push(report);
    // The filer reads their own report: another row of theirs in the audit log.
    harvest(
      (await http(sut.baseUrl, 'GET', `/reports/${created.id}`, { token: filer.token })).body,
    );
    return report;
  }

  /** A reporter account of its own, with the openid it logged in with. */
  async function anAccount(): Promise<{ session: AuthResponse; openid: string }> {
    const openid = `leak-${randomUUID()}`;
    return { session: await devLogin(sut.baseUrl, openid), openid };
  }

  /** The account filed only this report: its ids identify this report's reporter. */
  function ownAccount(report: Filed): void {
    report.canaries.reporter.push(report.filer.user.id, report.openid!);
  }

  /** A photo of the filer's, to attach to their report. */
  async function uploadAPhoto(filerToken: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([await aPhoto({ format: 'png' })]), 'photo.png');
    const uploaded = await http<{ uploadId: string }>(sut.baseUrl, 'POST', '/uploads', {
      token: filerToken,
      form,
    });
    expect(uploaded.status).toBe(201);
    harvest(uploaded.body);
    return uploaded.body.uploadId;
  }

  async function work(report: Filed, resolve: boolean): Promise<void> {
    const handler = token('handler');
    const order = await orderOf(sut.baseUrl, handler, report.id, 'township');
    harvest(order);
    await act(sut.baseUrl, handler, order.id, 'sign');
    await act(sut.baseUrl, handler, order.id, 'contact', { note: '已到家中见到孩子。' });
    await act(sut.baseUrl, handler, order.id, 'notes', {
      text: '已联系学校，孩子下周返校。',
      reporterVisible: true,
    });
    if (resolve) await act(sut.baseUrl, handler, order.id, 'resolve', RESOLUTION);
  }

  beforeAll(async () => {
    wechat = await startWechatStandIn();
    sut = await startTestApp({
      env: {
        ...wechat.env,
        SIMULATED_CLOCK: 'true',
        TRACK_RATE_LIMIT_PER_MINUTE: '10000',
        WECHAT_TEMPLATE_ACCEPTED: 'AcceptedTemplate_0123456789abcdefghijklmnopq',
      },
    });
    const world = await aWorld(sut.baseUrl);
    harvest(world);
    await aUnit(sut.baseUrl, { department: 'police', divisionPrefixes: [HOME_COUNTY] });
    sessions = await sessionsFor(sut.baseUrl, world);
    harvest(sessions);

    const anonymous = await file({ n: 1, privacy: 'anonymous', owner: null, withPhoto: true });
    ownAccount(anonymous);
    const confidential = await file({
      n: 2,
      privacy: 'confidential',
      owner: null,
      situations: ['violence_abuse'],
    });
    ownAccount(confidential);
    const named = await file({
      n: 3,
      privacy: 'named',
      owner: 'reporter',
      filer: { session: sessions.reporter!, openid: null },
      situations: ['consultation'],
    });
    const hotline = await file({
      n: 4,
      privacy: 'named',
      owner: 'hotlineOperator',
      filer: { session: sessions.hotlineOperator!, openid: null },
      channel: 'hotline',
      situations: ['consultation'],
    });
    const mandatory = await file({
      n: 5,
      privacy: 'confidential',
      owner: 'mandatedReporter',
      filer: { session: sessions.mandatedReporter!, openid: null },
      channel: 'mandatory',
    });
    // 合肥市瑶海区: no unit or coordinator covers it, so it waits in the admin queue.
    const adminQueue = await file({
      n: 6,
      privacy: 'named',
      owner: null,
      divisionCode: '340102',
    });
    ownAccount(adminQueue);
    // One person, an anonymous report and a named one: the named one must not unmask the other.
    const twoFaced = await anAccount();
    await file({ n: 7, privacy: 'anonymous', owner: null, filer: twoFaced });
    await file({
      n: 8,
      privacy: 'named',
      owner: null,
      filer: twoFaced,
      situations: ['consultation'],
    });

    for (const report of [anonymous, confidential, mandatory]) await work(report, false);
    for (const report of [named, hotline]) await work(report, true);
    await work(filed[7], true);
    const rated = await http(sut.baseUrl, 'POST', `/reports/${named.id}/rating`, {
      token: named.filer.token,
      body: { score: 2, comment: '希望再快一点。' },
    });
    expect(rated.status).toBe(200);
    const calledBack = await http(sut.baseUrl, 'POST', `/reports/${hotline.id}/callback`, {
      token: hotline.filer.token,
      body: { reached: true, score: 4 },
    });
    expect(calledBack.status).toBe(201);
    for (const report of [anonymous, confidential]) {
      const subscribed = await http(sut.baseUrl, 'POST', `/reports/${report.id}/subscriptions`, {
        token: report.filer.token,
        body: { kinds: ['accepted'] },
      });
      expect(subscribed.status).toBe(201);
    }
    const survey = childCanaries(9);
    const surveyFile = await aChildFile(sut.app, {
      divisionCode: HOME_VILLAGE,
      unitId: world.units.homeVillage.id,
      child: {
        name: survey.child.name,
        gender: survey.child.gender,
        birthDate: survey.child.birthDate,
        idNumber: survey.child.idNumber,
        school: survey.child.school,
      },
      guardian: { name: survey.child.guardianName, phone: survey.child.guardianPhone },
    });
    harvest({ id: surveyFile.id });
    surveyed.push(...survey.strings.filter((canary) => canary !== survey.address));
    // Its 儿童主任 visits the child: what the visit found is the child's, as their identity is.
    const found = { finding: '哨访甲奶奶行动不便', findings: '哨访乙孩子夜里独自在家' };
    const visited = await postVisit(
      sut.baseUrl,
      token('village'),
      surveyFile.id,
      aVisit({
        at: new Date().toISOString(),
        findings: found.findings,
        checks: { guardianship: { result: 'concern', finding: found.finding } },
      }),
    );
    expect(visited.status).toBe(201);
    harvest(visited.body);
    surveyed.push(found.finding, found.findings);
    // The township brings in civil affairs, which takes the child into 临时监护: the written
    // handover names people and a place, which only those who may know the child may read.
    const civil = await aUnit(sut.baseUrl, {
      name: '泗县民政局',
      department: 'civil_affairs',
      divisionPrefixes: [HOME_COUNTY],
    });
    harvest(civil);
    const civilHandler = await aSessionWith(sut.baseUrl, { role: 'handler', unitId: civil.id });
    const township = await orderOf(sut.baseUrl, token('handler'), mandatory.id, 'township');
    const handedOff = await http(sut.baseUrl, 'POST', `/orders/${township.id}/handoff`, {
      token: token('handler'),
      body: { department: 'civil_affairs', reason: '家庭需要低保或临时救助，请民政部门评估。' },
    });
    expect(handedOff.status).toBe(201);
    harvest(handedOff.body);
    const civilOrder = await orderOf(
      sut.baseUrl,
      civilHandler.token,
      mandatory.id,
      'civil_affairs',
    );
    await act(sut.baseUrl, civilHandler.token, civilOrder.id, 'sign');
    const handover = {
      at: new Date().toISOString(),
      handedOverBy: '哨移乙',
      receivedBy: '哨收乙',
      placedAt: '哨置乙救助站',
    };
    const recorded = await http(sut.baseUrl, 'POST', `/orders/${civilOrder.id}/handover`, {
      token: civilHandler.token,
      body: handover,
    });
    expect(recorded.status).toBe(201);
    harvest(recorded.body);
    mandatory.canaries.child.push(handover.handedOverBy, handover.receivedBy, handover.placedAt);
    const queued = await orderOf(sut.baseUrl, token('admin'), adminQueue.id, 'township');
    await act(sut.baseUrl, token('admin'), queued.id, 'priority', {
      priority: 'P2',
      reason: '孩子长期未到校，提高优先级。',
    });
  }, 240_000);

  afterAll(async () => {
    await sut.close();
    await wechat.close();
  });

  interface Answer {
    role: RoleName;
    path: string;
    status: number;
    text: string;
  }

  async function call(role: RoleName, path: string): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (sessions[role]) headers.authorization = `Bearer ${sessions[role]!.token}`;
    const response = await fetch(`${sut.baseUrl}${path}`, { headers });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    if (response.headers.get('content-type')?.includes('application/json') && text) {
      harvest(JSON.parse(text));
    }
    return { role, path, status: response.status, text };
  }

  function leaksIn(answer: Answer): string[] {
    const fromSurvey = SURVEY_KEEPERS.includes(answer.role)
      ? []
      : surveyed
          .filter((canary) => answer.text.includes(canary))
          .map(
            (canary) =>
              `${answer.role} GET ${answer.path} → ${answer.status}: child "${canary}" of the surveyed file`,
          );
    return fromSurvey.concat(
      filed.flatMap((report) =>
        (['child', 'reporter'] as const).flatMap((group) =>
          mayKnow(answer.role, report, group)
            ? []
            : report.canaries[group]
                .filter((canary) => answer.text.includes(canary))
                .map(
                  (canary) =>
                    `${answer.role} GET ${answer.path} → ${answer.status}: ${group} "${canary}" of ${report.label}`,
                ),
        ),
      ),
    );
  }

  const MAX_TRIES_PER_PARAM = 150;

  function candidates(param: string): string[] {
    const exact = seen.get(param);
    const pool = exact
      ? [...exact]
      : [...seen.entries()]
          .filter(([key]) => param !== 'id' || key === 'id' || key.endsWith('Id'))
          .flatMap(([, values]) => [...values]);
    return [...new Set(pool)].slice(0, MAX_TRIES_PER_PARAM);
  }

  it('hands no role an identity it may not know, on any GET route, and answers each one 200 to someone', async () => {
    const routes = routeTable(sut.app)
      .filter((route) => route.key.startsWith('GET '))
      .map((route) => route.key.slice(4))
      .sort((a, b) => a.split(':').length - b.split(':').length);
    const leaks: string[] = [];
    const answered = new Map<string, Map<RoleName, Set<string>>>();

    const paths = (route: string, role: RoleName): string[] => {
      let prefixes = [''];
      for (const segment of route.split('/').slice(1)) {
        const built = prefixes.map((p) => `${p}/${segment}`);
        if (!segment.startsWith(':')) {
          prefixes = built;
          continue;
        }
        // A parameter before the last is tried only with values its own route answered 200.
        const pattern = route.slice(0, route.indexOf(segment) + segment.length);
        const parent = pattern !== route ? answered.get(pattern) : undefined;
        prefixes = prefixes.flatMap((p) =>
          candidates(segment.slice(1))
            .map((value) => `${p}/${encodeURIComponent(value)}`)
            .filter((path) => !parent || parent.get(role)?.has(path)),
        );
      }
      // Lists: also their longest page (a route that takes no page size answers 400, checked too).
      return prefixes.flatMap((p) =>
        route.includes(':') ? [p] : [p, `${p}?pageSize=100`, `${p}?pageSize=200`],
      );
    };

    for (let pass = 0; pass < 2; pass += 1) {
      for (const route of routes) {
        for (const role of ROLE_NAMES) {
          for (const path of paths(route, role)) {
            const answer = await call(role, path);
            leaks.push(...leaksIn(answer));
            if (answer.status === 200) {
              if (!answered.has(route)) answered.set(route, new Map());
              const byRole = answered.get(route)!;
              if (!byRole.has(role)) byRole.set(role, new Set());
              byRole.get(role)!.add(path);
            }
          }
        }
      }
    }

    expect([...new Set(leaks)]).toEqual([]);
    const neverAnswered = routes.filter((route) => route.includes(':') && !answered.has(route));
    expect(neverAnswered).toEqual([]);
  }, 600_000);

  it('shows no reporter account on the audit rows of a report to a role that may not know its reporter', async () => {
    const problems: string[] = [];
    /** The filed reports whose rows the admin, who reads every row, was shown: all of them. */
    const readByAdmin = new Set<string>();
    for (const role of ['coordinator', 'otherCoordinator', 'admin'] as const) {
      for (let page = 1; ; page += 1) {
        const answer = await http<Page<AuditEntry>>(
          sut.baseUrl,
          'GET',
          `/audit?page=${page}&pageSize=200`,
          { token: token(role) },
        );
        expect(answer.status).toBe(200);
        for (const row of answer.body.items) {
          const report = filed.find((r) => r.id === row.targetId);
          if (report && role === 'admin') readByAdmin.add(report.id);
          if (!report || mayKnow(role, report, 'reporter')) continue;
          if (
            JSON.stringify(row).includes(report.filer.user.id) ||
            (row.actorPseudonym !== null && row.ip !== null)
          ) {
            problems.push(`${role}: row ${row.seq} ${row.action} of ${report.label}`);
          }
        }
        if (page * 200 >= answer.body.total) break;
      }
    }
    expect(problems).toEqual([]);
    expect([...readByAdmin].sort()).toEqual(filed.map((r) => r.id).sort());
  });
});
