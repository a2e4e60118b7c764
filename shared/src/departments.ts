export const DEPARTMENTS = [
  'police',
  'civil_affairs',
  'township',
  'education',
  'coordinator',
  'village',
] as const;

export type Department = (typeof DEPARTMENTS)[number];

/**
 * Departments that receive work orders; the coordinator supervises them. Village units (村/居委会,
 * the 儿童主任) keep child files and make visits but get no report orders: the township leads
 * welfare cases (domain.md, "The child, not the ticket").
 */
export type ReceivingDepartment = Exclude<Department, 'coordinator' | 'village'>;

export const RECEIVING_DEPARTMENTS: readonly ReceivingDepartment[] = [
  'police',
  'civil_affairs',
  'township',
  'education',
];

export const DEPARTMENT_LABELS: Record<Department, string> = {
  police: '公安',
  civil_affairs: '民政',
  township: '乡镇（儿童督导员）',
  education: '教育',
  coordinator: '联席会议办公室',
  village: '村（居）委会（儿童主任）',
};

/**
 * The department in a word or two, where a line names it before its unit: 民政（泗县民政局）：已签收。
 */
export const DEPARTMENT_SHORT_LABELS: Record<Department, string> = {
  police: '公安',
  civil_affairs: '民政',
  township: '乡镇',
  education: '教育',
  coordinator: '联席办',
  village: '村（居）委会',
};

/** Length of a village (村/社区) division code: a village unit covers 12-digit prefixes only. */
export const VILLAGE_CODE_LENGTH = 12;
/** Length of a township (乡镇/街道) division code. */
export const TOWNSHIP_CODE_LENGTH = 9;
