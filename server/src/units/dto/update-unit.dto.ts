import type { UpdateUnitRequest } from '@shouhu/shared';
import { IsPhone } from '../../common/identity-validators';
import { NullClears } from '../../common/input-rules';
import { DUTY_PHONE_MESSAGE } from './create-unit.dto';

/** `PATCH /admin/units/:id`: the duty phone, or null to remove it; an absent field is unchanged. */
export class UpdateUnitDto implements Partial<UpdateUnitRequest> {
  @NullClears()
  @IsPhone({ message: DUTY_PHONE_MESSAGE }, 'mobile')
  dutyPhone?: string | null;
}
