import {
  CHILD_CATEGORY_LABELS,
  DROPOUT_STATE_LABELS,
  GENDER_LABELS,
  chineseDay,
  type AuthUser,
  type ChildCategory,
  type ChildFileDropout,
  type ChildFileStatus,
  type ChildFileSummary,
  type DropoutState,
} from '@shouhu/shared';

/** What the list asks `GET /children` for: the tab, and the filters the person set. */
export interface ChildListFilters {
  status: ChildFileStatus;
  /** A township or village within the caller's divisions; empty: all of them. */
  division: string;
  category: ChildCategory | '';
  /** 控辍保学: only children in this state of the dropout list. */
  dropout: DropoutState | '';
  /** A full name or 身份证号, matched exactly by the server's blind index. */
  q: string;
}

export const NO_FILTERS: ChildListFilters = {
  status: 'active',
  division: '',
  category: '',
  dropout: '',
  q: '',
};

export const EMPTY_LIST = '还没有儿童档案。摸排发现需要关爱的孩子，点「新建档案」';

/** The 在册 list as it opens: empty here means no file at all, not none matching. */
export function unfiltered(filters: ChildListFilters): boolean {
  return (
    filters.status === 'active' &&
    filters.division === '' &&
    filters.category === '' &&
    filters.dropout === '' &&
    filters.q.trim() === ''
  );
}

/** Built by hand: the mini-program runtime has no URLSearchParams. Empty filters are left out. */
export function childFilesPath(filters: ChildListFilters, page: number, pageSize: number): string {
  const params: [string, string][] = [
    ['status', filters.status],
    ['division', filters.division],
    ['category', filters.category],
    ['dropout', filters.dropout],
    ['q', filters.q.trim()],
    ['page', String(page)],
    ['pageSize', String(pageSize)],
  ];
  const pairs = params.filter(([, v]) => v !== '').map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return `/children?${pairs.join('&')}`;
}

/** 未登记姓名 for a file whose child has no name yet (a report that gave none). */
export function childName(child: { name?: string }): string {
  return child.name?.trim() ? child.name : '未登记姓名';
}

/** 女 · 9岁, as much as is known. */
export function genderAndAge(child: {
  gender?: ChildFileSummary['child']['gender'];
  ageYears?: number;
}): string {
  return [
    child.gender && child.gender !== 'unknown' ? GENDER_LABELS[child.gender] : '',
    child.ageYears !== undefined ? `${child.ageYears}岁` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The chips of a file's categories; 类别待核实 until someone has set them. */
export function categoryChips(categories: readonly ChildCategory[]): string[] {
  return categories.length === 0
    ? ['类别待核实']
    : categories.map((category) => CHILD_CATEGORY_LABELS[category]);
}

/** When the next visit falls due, on Beijing's calendar; overdue once that moment has passed. */
export function nextVisitText(
  dueAt: string | null,
  now: Date,
): { text: string; overdue: boolean } | null {
  if (!dueAt) return null;
  const overdue = Date.parse(dueAt) < now.getTime();
  return {
    text: overdue ? `走访已逾期（应于${chineseDay(dueAt)}前）` : `下次走访：${chineseDay(dueAt)}前`,
    overdue,
  };
}

/** 村 儿童主任 and 乡镇 儿童督导员 keep files; they open new ones (摸排). */
export function keepsFiles(user: AuthUser | null): boolean {
  return (
    !!user?.roles.includes('handler') &&
    (user.unitDepartment === 'village' || user.unitDepartment === 'township')
  );
}

/** A village worker's whole scope is one village: the list needs no village filter. */
export function isVillageWorker(user: AuthUser | null): boolean {
  return user?.unitDepartment === 'village';
}

/** 控辍保学：劝返中, on a child's row; nothing for a child off the list. */
export function dropoutChip(dropout: ChildFileDropout | null | undefined): string | null {
  return dropout ? `控辍保学：${DROPOUT_STATE_LABELS[dropout.state]}` : null;
}

/** The county's coordinator and the township's supervisor watch the dropout figures. */
export function seesDropoutFigures(user: AuthUser | null): boolean {
  if (!user) return false;
  return (
    user.roles.includes('coordinator') ||
    (user.roles.includes('handler') && user.unitDepartment === 'township')
  );
}
