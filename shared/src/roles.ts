export const ROLES = [
  'reporter',
  'mandated_reporter',
  'hotline_operator',
  'handler',
  'coordinator',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];
