export const DEPARTMENTS = [
  'police',
  'civil_affairs',
  'township',
  'education',
  'coordinator',
] as const;

export type Department = (typeof DEPARTMENTS)[number];

/** Departments that receive work orders; the coordinator supervises them. */
export type ReceivingDepartment = Exclude<Department, 'coordinator'>;

export const DEPARTMENT_LABELS: Record<Department, string> = {
  police: '公安',
  civil_affairs: '民政',
  township: '乡镇（儿童督导员）',
  education: '教育',
  coordinator: '联席会议办公室',
};
