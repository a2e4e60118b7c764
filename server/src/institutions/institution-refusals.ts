import { HttpStatus } from '@nestjs/common';
import { ApiException } from '../common/api-exception';
import type { InstitutionEntity } from './institution.entity';

/**
 * 409 `INSTITUTION_EXISTS`: the county's register already holds the name (in its canonical form,
 * so a name that only looks different is the same name); a retired holder is said to be one.
 */
export function institutionExists(
  holder: Pick<InstitutionEntity, 'name' | 'retiredAt'>,
): ApiException {
  return new ApiException(
    HttpStatus.CONFLICT,
    'INSTITUTION_EXISTS',
    holder.retiredAt
      ? `本县名录已有“${holder.name}”，已停用：请在“已停用”中恢复它，或换一个名称`
      : `本县名录已有“${holder.name}”，请修改那一条，或换一个名称`,
  );
}

/** 409 `INSTITUTION_RETIRED`: no new reporter joins an institution taken off the register. */
export function institutionRetired(name: string): ApiException {
  return new ApiException(
    HttpStatus.CONFLICT,
    'INSTITUTION_RETIRED',
    `“${name}”已停用，不能再邀请报告人；如果它仍在运行，请先在名录的“已停用”中恢复它`,
  );
}
