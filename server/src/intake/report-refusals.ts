import {
  CHANNEL_LABELS,
  CHANNEL_ROLES,
  FORM_CHANNELS,
  REPORT_CONSISTENCY_RULES,
  ROLE_LABELS,
} from '@shouhu/shared';

/**
 * What `IntakeService.submit` refuses with 400 beyond each field's own rules, one rule a line for
 * the API docs: the shared consistency rules, then the server's own checks of the division
 * (`DivisionsService.exists`) and the attachments (`UploadsService.attach`).
 */
export const REPORT_RULES: readonly string[] = [
  ...Object.entries(REPORT_CONSISTENCY_RULES).map(([field, rule]) => `\`${field}\`：${rule}`),
  '`channel`：不能是 `visit`（走访发现）：这种报告由村（居）委会、乡镇工作人员在儿童档案中记录走访时一并提交（POST /children/:id/visits 的 `report`）',
  '`location.divisionCode`：须是收录的区划代码（GET /divisions 逐级列出）',
  '`attachments`：每个编号须是调用者自己上传（POST /uploads）、还没有随报告提交、也没有过期的文件，且不重复',
];

/** Who may file in each channel, from the table `channelRefusal` decides by (403 otherwise). */
export const CHANNEL_RULES: readonly string[] = FORM_CHANNELS.map((channel) => {
  const needed = CHANNEL_ROLES[channel];
  const who = needed
    ? `需要角色 ${needed.role}（${ROLE_LABELS[needed.role]}）`
    : '任何登录的用户都可以';
  return `channel 为 \`${channel}\`（${CHANNEL_LABELS[channel]}）：${who}`;
});
