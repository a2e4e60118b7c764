import type { PipeTransform } from '@nestjs/common';
import { SANE_YEARS, isSaneYear } from '@shouhu/shared';
import { ApiException } from '../common/api-exception';

/** `:year` of the calendar routes: four digits in 1900–2100 (shared `isSaneYear`), else 400. */
export class ParseYearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : Number.NaN;
    if (!isSaneYear(year)) {
      throw ApiException.validation({
        year: `年份应为${SANE_YEARS.min}到${SANE_YEARS.max}之间的四位数字`,
      });
    }
    return year;
  }
}
