import type { CreateChildFileRequest } from '@shouhu/shared';

/** 关庙村 of 泗城镇, whose 儿童主任 is `demo-village-guanmiao` in the demo data. */
export const GUANMIAO = '341324100203';

let made = 0;

/**
 * A `POST /children` body: a left-behind child of 关庙村 cared for by a grandmother, with a
 * guardian phone of its own (the blind index would otherwise find another test's child);
 * `overrides` replace whole fields.
 */
export function aChildFileBody(
  name: string,
  overrides: Partial<CreateChildFileRequest> = {},
): CreateChildFileRequest {
  made += 1;
  const phone = `139${String(Date.now() % 1e6).padStart(6, '0')}${String(made % 100).padStart(2, '0')}`;
  return {
    divisionCode: GUANMIAO,
    child: { name, ageYears: 10, school: '泗城镇中心小学' },
    categories: ['left_behind'],
    guardian: { name: `${name.slice(0, 1)}建国`, phone, relation: '父亲' },
    carer: { name: '李桂兰', phone: '0557-5012345', relation: '祖母' },
    ...overrides,
  };
}
