export const ROLES = [
  'reporter',
  'mandated_reporter',
  'hotline_operator',
  'handler',
  'coordinator',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  reporter: '报告人',
  mandated_reporter: '强制报告责任人',
  hotline_operator: '热线接线员',
  handler: '办理人员',
  coordinator: '联席办协调员',
  admin: '系统管理员',
};

/** Roles an invitation can grant; `reporter` everyone has, `admin` comes from configuration. */
export const INVITE_ROLES = [
  'handler',
  'coordinator',
  'hotline_operator',
  'mandated_reporter',
] as const;
export type InviteRole = (typeof INVITE_ROLES)[number];

/** Roles held as a member of a unit. */
export const UNIT_ROLES = ['handler', 'coordinator'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];

export const ORG_TYPES = [
  'village_committee',
  'residents_committee',
  'school',
  'kindergarten',
  'training_institution',
  'childcare',
  'medical',
  'child_welfare',
  'rescue_station',
  'social_work',
  'hotel',
  'government',
  'other_close_contact',
] as const;

export type OrgType = (typeof ORG_TYPES)[number];

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  village_committee: '村民委员会',
  residents_committee: '居民委员会',
  school: '学校',
  kindergarten: '幼儿园',
  training_institution: '校外培训机构',
  childcare: '托育机构',
  medical: '医疗机构',
  child_welfare: '儿童福利机构',
  rescue_station: '救助管理机构',
  social_work: '社会工作服务机构',
  hotel: '旅店、宾馆',
  government: '国家机关',
  other_close_contact: '其他密切接触未成年人的单位',
};
