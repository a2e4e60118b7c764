import type { ReceivingDepartment } from './departments';
import type { Priority } from './priorities';

export const SITUATION_CATEGORIES = ['statutory', 'guardianship', 'welfare'] as const;

export type SituationCategory = (typeof SITUATION_CATEGORIES)[number];

export const SITUATION_CODES = [
  'private_part_injury',
  'sexual_assault_under14',
  'sexual_assault_pregnancy',
  'violence_abuse',
  'abnormal_injury_death',
  'abandoned_unattended',
  'missing_trafficked',
  'organized_begging',
  'other_serious_harm',
  'living_alone',
  'guardianship_absent',
  'street_child',
  'accident_emergency',
  'carer_neglect',
  'dropout',
  'poverty_hardship',
  'disability_illness',
  'mental_health',
  'consultation',
] as const;

export type SituationCode = (typeof SITUATION_CODES)[number];

export interface Situation {
  code: SituationCode;
  category: SituationCategory;
  /** The wording of the law or notice, for staff. */
  legalLabel: string;
  /** What a reporter without training reads in the app. */
  plainLabel: string;
  /** The department of the table the situation sits in (domain.md, Situations). */
  lead: ReceivingDepartment;
  /**
   * Departments that get an assist order ("also notify"). Every guardianship situation reaches the
   * police (泗政办秘〔2020〕9号: "第一时间" to the police); hardship and disability reach civil
   * affairs, which runs 低保, 临时救助 and 残疾儿童康复救助.
   */
  notify: readonly ReceivingDepartment[];
  priority: Priority;
}

const STATUTORY_NOTIFY: readonly ReceivingDepartment[] = ['civil_affairs', 'township'];

function statutory(code: SituationCode, legalLabel: string, plainLabel: string): Situation {
  return {
    code,
    category: 'statutory',
    legalLabel,
    plainLabel,
    lead: 'police',
    notify: STATUTORY_NOTIFY,
    priority: 'P1',
  };
}

export const SITUATIONS: readonly Situation[] = [
  statutory(
    'private_part_injury',
    '生殖器官或隐私部位遭受或疑似遭受非正常损伤',
    '隐私部位有不正常的伤',
  ),
  statutory(
    'sexual_assault_under14',
    '不满十四周岁的女性未成年人遭受或疑似遭受性侵害、怀孕、流产',
    '不满14岁的女孩被性侵、怀孕或流产（包括怀疑）',
  ),
  statutory(
    'sexual_assault_pregnancy',
    '十四周岁以上女性未成年人遭受或疑似遭受性侵害所致怀孕、流产',
    '14岁以上的女孩因被性侵怀孕或流产（包括怀疑）',
  ),
  statutory(
    'violence_abuse',
    '多处损伤、严重营养不良、意识不清，存在或疑似存在家庭暴力、欺凌、虐待、殴打或被人麻醉',
    '身上多处伤、严重营养不良、神志不清，疑似被打、被虐待、被欺凌或被下药',
  ),
  statutory(
    'abnormal_injury_death',
    '因自杀、自残、工伤、中毒、被人麻醉、殴打等非正常原因导致伤残、死亡',
    '因自杀、自残、做工受伤、中毒、被打等原因致残或死亡',
  ),
  statutory(
    'abandoned_unattended',
    '被遗弃或长期处于无人照料状态',
    '没人管：被遗弃，或长期没有任何人照顾',
  ),
  statutory(
    'missing_trafficked',
    '来源不明、失踪或者被拐卖、收买',
    '来历不明、走失，或疑似被拐卖、被买卖',
  ),
  statutory('organized_begging', '被组织乞讨', '被人组织、带着乞讨'),
  statutory(
    'other_serious_harm',
    '其他严重侵害身心健康的情形，或正在面临不法侵害危险',
    '其他严重伤害，或正面临被侵害的危险',
  ),
  {
    code: 'living_alone',
    category: 'guardianship',
    legalLabel: '脱离监护单独居住生活',
    plainLabel: '孩子一个人住，没有大人监护',
    lead: 'civil_affairs',
    notify: ['police', 'township'],
    priority: 'P2',
  },
  {
    code: 'guardianship_absent',
    category: 'guardianship',
    legalLabel: '监护缺失：父母死亡、失踪、服刑、重病重残等，事实无人抚养',
    plainLabel: '父母去世、失踪、服刑或重病重残，实际没人抚养',
    lead: 'civil_affairs',
    notify: ['police', 'township'],
    priority: 'P2',
  },
  {
    code: 'street_child',
    category: 'guardianship',
    legalLabel: '流浪乞讨、身份不明（非被组织）',
    plainLabel: '在外流浪、乞讨，或身份不明',
    lead: 'civil_affairs',
    notify: ['police'],
    priority: 'P2',
  },
  {
    code: 'accident_emergency',
    category: 'guardianship',
    legalLabel: '遭遇突发事件、意外伤害，生活陷入困境，需要临时救助',
    plainLabel: '遇到突发事件或意外，生活陷入困境，需要临时救助',
    lead: 'civil_affairs',
    notify: ['police', 'township'],
    priority: 'P2',
  },
  {
    code: 'carer_neglect',
    category: 'welfare',
    legalLabel: '有人照看但照看不好：监护人或受委托照护人不履行照护职责（留守儿童照护不力）',
    plainLabel: '有人管但没管好：家长或代管的人照顾不好（如留守儿童）',
    lead: 'township',
    notify: ['civil_affairs'],
    priority: 'P3',
  },
  {
    code: 'dropout',
    category: 'welfare',
    legalLabel: '辍学或无故旷课一周以上、经学校两次劝返未果（控辍保学）',
    plainLabel: '不上学了，或无故旷课一周以上、劝不回来',
    lead: 'township',
    notify: ['education'],
    priority: 'P3',
  },
  {
    code: 'poverty_hardship',
    category: 'welfare',
    legalLabel: '家庭贫困导致生活、就医、就学困难',
    plainLabel: '家里困难，吃穿、看病或上学有困难',
    lead: 'township',
    notify: ['civil_affairs'],
    priority: 'P3',
  },
  {
    code: 'disability_illness',
    category: 'welfare',
    legalLabel: '重残、重病、艾滋病病毒感染等，需要康复、照料',
    plainLabel: '重残、重病等，需要康复或照料',
    lead: 'township',
    notify: ['civil_affairs'],
    priority: 'P3',
  },
  {
    code: 'mental_health',
    category: 'welfare',
    legalLabel: '心理问题，需要疏导关爱（无即时危险）',
    plainLabel: '心理上有问题，需要有人疏导关心（没有马上的危险）',
    lead: 'township',
    notify: ['education'],
    priority: 'P3',
  },
  {
    code: 'consultation',
    category: 'welfare',
    legalLabel: '政策咨询、求助',
    plainLabel: '想咨询政策或求助',
    lead: 'township',
    notify: [],
    priority: 'P3',
  },
];

/** Two to six characters each: the hotline operator's quick keys while the caller talks. */
export const SITUATION_SHORT_LABELS: Record<SituationCode, string> = {
  private_part_injury: '隐私部位伤',
  sexual_assault_under14: '幼女被性侵',
  sexual_assault_pregnancy: '性侵致孕',
  violence_abuse: '被打被虐待',
  abnormal_injury_death: '非正常伤亡',
  abandoned_unattended: '被遗弃没人管',
  missing_trafficked: '走失被拐',
  organized_begging: '被组织乞讨',
  other_serious_harm: '其他严重侵害',
  living_alone: '独自居住',
  guardianship_absent: '无人抚养',
  street_child: '流浪乞讨',
  accident_emergency: '意外困境',
  carer_neglect: '有人管没管好',
  dropout: '辍学',
  poverty_hardship: '生活困难',
  disability_illness: '重残重病',
  mental_health: '心理问题',
  consultation: '咨询求助',
};

/**
 * The kind of case in a few words, for text that may show on a locked screen (a handler's WeChat
 * message): no more detail than a passer-by may read. All three together fit WeChat's 20 characters.
 */
export const SITUATION_CATEGORY_SHORT_LABELS: Record<SituationCategory, string> = {
  statutory: '受到侵害或伤害',
  guardianship: '无人监护',
  welfare: '生活或就学困难',
};

export const SITUATION_CATEGORY_LABELS: Record<SituationCategory, string> = {
  statutory: '孩子受到伤害或侵害（会同时通知公安）',
  guardianship: '孩子没有大人监护',
  welfare: '孩子在生活、上学或心理上需要帮助',
};

const SITUATIONS_BY_CODE = new Map<string, Situation>(SITUATIONS.map((s) => [s.code, s]));

export function isSituationCode(value: unknown): value is SituationCode {
  return typeof value === 'string' && SITUATIONS_BY_CODE.has(value);
}

export function situation(code: SituationCode): Situation {
  const found = SITUATIONS_BY_CODE.get(code);
  if (!found) throw new Error(`unknown situation code: ${code}`);
  return found;
}

export function situationsIn(category: SituationCategory): Situation[] {
  return SITUATIONS.filter((s) => s.category === category);
}
