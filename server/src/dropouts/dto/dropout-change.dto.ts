import { IsIn } from 'class-validator';
import {
  DROPOUT_STATES,
  TEXT_LIMITS,
  WHEREABOUTS_NOTE_MIN,
  type DropoutChangeRequest,
  type DropoutState,
} from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsText, MayBeAbsent } from '../../common/input-rules';

export class DropoutChangeDto implements DropoutChangeRequest {
  @FieldDescription(
    '改为的控辍保学状态，只能按流程改：不在名单上→劝返中；劝返中→已复学或去向不明；已复学→劝返中或去向不明；巩固→销号或劝返中；销号→劝返中；去向不明→劝返中或已复学。巩固由复学后的回访确认，不能直接选',
  )
  @IsIn(DROPOUT_STATES, { message: '请选择控辍保学状态' })
  state: DropoutState;

  @FieldDescription(
    `情况说明，密封保存，只在档案经过里给能看这份档案的人看，不写入审计日志。去向不明时必填（至少${WHEREABOUTS_NOTE_MIN}字），作为请公安机关查找的说明`,
  )
  @MayBeAbsent()
  @IsText(TEXT_LIMITS.dropoutNote)
  note?: string;
}
