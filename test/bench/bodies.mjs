// Report bodies as reporters file them (api.md, POST /reports): every situation of the catalogue in
// turn, each about a child of its own (no two share a 身份证号, a name with an age and township,
// or a guardian phone, so no report is a repeat), in the villages of the demo county.
import { idNumberCheckCharacter, SITUATION_CODES } from '@shouhu/shared';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const GIVEN = [...'子梓浩宇轩涵欣怡雨晨思佳俊博文嘉一诺可馨睿泽明瑞安乐心悦若彤'];
const DAY_MS = 86_400_000;
/** Birth dates of children from 3 to about 16 years old: the ID number's date part. */
const BIRTH_DAYS = 4_800;

/** A name no other `i` below 20 × 30³ gets: a surname and a given name of one to three characters. */
export function childName(i) {
  const n = GIVEN.length;
  const surname = SURNAMES[i % SURNAMES.length];
  let rest = Math.floor(i / SURNAMES.length);
  let given = '';
  do {
    given += GIVEN[rest % n];
    rest = Math.floor(rest / n);
  } while (rest > 0);
  return `${surname}${given}`;
}

/**
 * A valid 身份证号 (GB 11643, the check character from shared `idNumberCheckCharacter`) of a child
 * registered in `county`, different for every `i` below 4,800 × 1,000.
 */
export function childIdNumber(i, county, now) {
  const birth = new Date(now - 3 * 365 * DAY_MS - (i % BIRTH_DAYS) * DAY_MS);
  const date = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const sequence = String(Math.floor(i / BIRTH_DAYS) % 1000).padStart(3, '0');
  const first17 = `${county}${date}${sequence}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

/**
 * Report `i`: situation `i` of the catalogue (and a second one every third report), in village
 * `i` of `villages` (12-digit codes), a child known by a 身份证号 or by name and age, sometimes
 * with a guardian's phone; public reporters, named and confidential, or anonymous. One in ten
 * is in immediate danger.
 */
export function reportBody(i, { villages, county, now = Date.now() }) {
  const situation = SITUATION_CODES[i % SITUATION_CODES.length];
  const second = SITUATION_CODES[(i * 7 + 3) % SITUATION_CODES.length];
  const situations = i % 3 === 0 && second !== situation ? [situation, second] : [situation];
  const byIdNumber = i % 2 === 0;
  const anonymous = i % 5 === 0;
  return {
    channel: 'public',
    situations,
    immediateDanger: i % 10 === 9,
    description: `第${i}份压测报告：孩子最近两周没有来上学，家里电话一直打不通，邻居说晚上常听到哭声。`,
    discoveredAt: new Date(now - 3600_000).toISOString(),
    location: { divisionCode: villages[i % villages.length], address: `${(i % 9) + 1}组` },
    child: {
      name: childName(i),
      gender: i % 2 === 0 ? 'female' : 'male',
      ...(byIdNumber ? { idNumber: childIdNumber(i, county, now) } : { ageYears: 3 + (i % 14) }),
      ...(i % 4 === 1
        ? { guardianName: '李女士', guardianPhone: `139${String(i).padStart(8, '0')}` }
        : {}),
      ...(situations.includes('dropout') ? { whereaboutsUnknown: i % 2 === 1 } : {}),
    },
    reporter: anonymous
      ? { anonymous: true }
      : { anonymous: false, confidential: true, name: '王老师', phone: '13800000000' },
  };
}

/** Bodies numbered from a counter shared by every run of one bench, so no two runs repeat a child. */
export function bodySource(options) {
  let next = 0;
  return { next: () => reportBody(next++, options) };
}

/** The 12-digit village codes of `county`, as the app's division picker reads them (GET /divisions). */
export async function countyVillages(base, county) {
  const children = async (parent) => {
    const response = await fetch(`${base}/divisions?parent=${parent}`);
    if (response.status !== 200) throw new Error(`divisions of ${parent}: ${response.status}`);
    return response.json();
  };
  const villages = [];
  for (const township of await children(county)) {
    villages.push(...(await children(township.code)).map((village) => village.code));
  }
  return villages;
}
