import {
  shanghaiDate,
  type CreateChildFileRequest,
  type CreateReportRequest,
  type Department,
  type DemoOpenid,
  type InviteRole,
  type OrgType,
} from '@shouhu/shared';

/** 泗县, 安徽省宿州市: the demo county. */
export const DEMO_COUNTY = { code: '341324', name: '泗县' };

export interface DemoUnit {
  key: string;
  name: string;
  department: Department;
  divisionPrefixes: string[];
  /** A made-up mobile, so the demo shows who would get an SMS; no SMS is sent with demo data. */
  dutyPhone: string | null;
  /** The key of the parent unit: a village's is its town's station, `town:<code>`. */
  parent?: string;
}

export const DEMO_COUNTY_UNITS: DemoUnit[] = [
  {
    key: 'coordinator',
    name: '泗县未成年人保护联席会议办公室',
    department: 'coordinator',
    divisionPrefixes: ['341324'],
    dutyPhone: '19900000001',
  },
  {
    key: 'police',
    name: '泗县公安局',
    department: 'police',
    divisionPrefixes: ['341324'],
    dutyPhone: '19900000110',
  },
  // A second police unit, so a coordinator can show 改派, which stays within the department.
  {
    key: 'dunji-police',
    name: '泗县公安局墩集派出所',
    department: 'police',
    divisionPrefixes: ['341324101'],
    dutyPhone: '19900000111',
  },
  {
    key: 'civil',
    name: '泗县民政局',
    department: 'civil_affairs',
    divisionPrefixes: ['341324'],
    dutyPhone: '19900000002',
  },
  {
    key: 'education',
    name: '泗县教育局',
    department: 'education',
    divisionPrefixes: ['341324'],
    dutyPhone: null,
  },
];

/**
 * Two villages of 泗城镇 with a 儿童主任 each, under the town's supervisor station: they keep the
 * files of their children and get no report orders. No duty phone: nothing texts a village.
 */
export const DEMO_VILLAGE_UNITS: DemoUnit[] = [
  {
    key: 'village:341324100203',
    name: '关庙村（儿童主任）',
    department: 'village',
    divisionPrefixes: ['341324100203'],
    dutyPhone: null,
    parent: 'town:341324100',
  },
  {
    key: 'village:341324100207',
    name: '胡陈村（儿童主任）',
    department: 'village',
    divisionPrefixes: ['341324100207'],
    dutyPhone: null,
    parent: 'town:341324100',
  },
];

/** A mandated institution on the demo county's register (单位名录), keyed for the accounts. */
export interface DemoInstitution {
  key: string;
  name: string;
  type: OrgType;
  divisionCode: string;
  contactName?: string;
  contactPhone?: string;
}

/** 泗县's register: a few institutions of each kind the notices name, with made-up contacts. */
export const DEMO_INSTITUTIONS: DemoInstitution[] = [
  {
    key: 'school',
    name: '（演示）泗城镇中心学校',
    type: 'school',
    divisionCode: '341324100',
    contactName: '王校长',
    contactPhone: '05575010001',
  },
  {
    key: 'kindergarten',
    name: '（演示）泗城镇第一幼儿园',
    type: 'kindergarten',
    divisionCode: '341324100',
  },
  {
    key: 'hospital',
    name: '（演示）泗县人民医院',
    type: 'medical',
    divisionCode: '341324',
    contactName: '医务科',
    contactPhone: '05575010002',
  },
  {
    key: 'guanmiao',
    name: '（演示）关庙村村民委员会',
    type: 'village_committee',
    divisionCode: '341324100203',
  },
  { key: 'hotel', name: '（演示）泗州宾馆', type: 'hotel', divisionCode: '341324100' },
  {
    key: 'dunji-school',
    name: '（演示）墩集镇中心学校',
    type: 'school',
    divisionCode: '341324101',
  },
];

/** What a demo login (shared `DEMO_LOGINS`, which says who each is) holds once seeded. */
export interface DemoAccount {
  openid: DemoOpenid;
  role?: InviteRole;
  /** The unit key: `town:<code>` for a township supervisor station, `village:<code>` for a village's. */
  unit?: string;
  /** The key of the institution of `DEMO_INSTITUTIONS` a mandated reporter reports for. */
  institution?: string;
}

/** Log in with the development login (`POST /api/v1/auth/dev {openid}`) as any of these. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { openid: 'demo-coordinator', role: 'coordinator', unit: 'coordinator' },
  { openid: 'demo-police', role: 'handler', unit: 'police' },
  { openid: 'demo-civil', role: 'handler', unit: 'civil' },
  { openid: 'demo-education', role: 'handler', unit: 'education' },
  { openid: 'demo-township', role: 'handler', unit: 'town:341324100' },
  { openid: 'demo-village-guanmiao', role: 'handler', unit: 'village:341324100203' },
  { openid: 'demo-village-huchen', role: 'handler', unit: 'village:341324100207' },
  // A supervisor of another town: the files of 泗城镇's villages are not theirs (404).
  { openid: 'demo-dunji-township', role: 'handler', unit: 'town:341324101' },
  { openid: 'demo-hotline', role: 'hotline_operator' },
  {
    openid: 'demo-reporter',
    role: 'mandated_reporter',
    institution: 'school',
  },
  { openid: 'demo-public' },
];

export function demoReports(now: Date): { openid: string; report: CreateReportRequest }[] {
  const hoursAgo = (h: number): string => new Date(now.getTime() - h * 3600_000).toISOString();
  return [
    {
      openid: 'demo-reporter',
      report: {
        channel: 'mandatory',
        situations: ['dropout'],
        immediateDanger: false,
        description:
          '（演示数据）七年级学生已连续两周未到校，电话联系家长未接通，班主任家访未见到人。',
        discoveredAt: hoursAgo(26),
        location: { divisionCode: '341324100', address: '（演示）泗城镇某村' },
        // Nobody knows where he is: the police get an assist order to find him, at P2.
        child: {
          gender: 'male',
          ageYears: 13,
          school: '（演示）泗城镇中心学校',
          whereaboutsUnknown: true,
        },
        reporter: { anonymous: false, confidential: true, name: '演示老师', relation: '班主任' },
      },
    },
    {
      openid: 'demo-public',
      report: {
        channel: 'public',
        situations: ['carer_neglect', 'poverty_hardship'],
        immediateDanger: false,
        description: '（演示数据）邻居家两个孩子父母在外打工，奶奶卧病在床，孩子经常没饭吃。',
        discoveredAt: hoursAgo(4),
        // In a village with a unit: the file this report makes is 胡陈村's, so its list has one.
        location: { divisionCode: '341324100207' },
        child: { ageYears: 8 },
        reporter: { anonymous: true },
      },
    },
    {
      openid: 'demo-public',
      report: {
        channel: 'public',
        situations: ['living_alone'],
        immediateDanger: false,
        description: '（演示数据）隔壁十岁的孩子父母都在外地，这两个月一直一个人住，自己做饭上学。',
        discoveredAt: hoursAgo(2),
        location: { divisionCode: '341324100' },
        child: { ageYears: 10 },
        reporter: { anonymous: false, confidential: true, name: '演示邻居' },
      },
    },
  ];
}

/**
 * Two children 关庙村's 儿童主任 found in 摸排, opened through `POST /children`'s service. Each has
 * a guardian's phone: an identity that stays the same from year to year, so a second boot finds
 * the file already there (CHILD_FILE_EXISTS) and opens nothing.
 */
export function demoChildFiles(now: Date): { openid: DemoOpenid; file: CreateChildFileRequest }[] {
  const daysAgo = (days: number): string =>
    shanghaiDate(new Date(now.getTime() - days * 86400_000));
  const lastYear = Number(shanghaiDate(now).slice(0, 4)) - 1;
  return [
    {
      openid: 'demo-village-guanmiao',
      file: {
        divisionCode: '341324100203',
        child: {
          name: '（演示）小明',
          gender: 'male',
          birthDate: '2016-09-02',
          school: '（演示）关庙小学',
        },
        categories: ['left_behind'],
        guardian: { relation: '父亲（在江苏务工）', phone: '19900002031' },
        carer: { name: '（演示）小明奶奶', relation: '祖母', phone: '19900002032' },
        help: [{ kind: 'paired_teacher', since: daysAgo(100), provider: '（演示）王老师' }],
      },
    },
    {
      openid: 'demo-village-guanmiao',
      file: {
        divisionCode: '341324100203',
        child: { name: '（演示）小红', gender: 'female', ageYears: 11 },
        categories: ['serious_illness', 'low_income'],
        guardian: { name: '（演示）小红爸爸', relation: '父亲', phone: '19900002033' },
        help: [
          { kind: 'subsistence', since: `${lastYear}-09-01`, provider: '泗城镇民政所' },
          { kind: 'rehabilitation', since: daysAgo(45), provider: '泗县民政局' },
        ],
      },
    },
  ];
}
