import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { textProblem, type TextLimit } from '@shouhu/shared';

/** Names under which the rules below appear in class-validator's metadata (tests walk them). */
export const IS_TEXT = 'isText';
export const IS_PLAIN_OBJECT = 'isPlainObject';

/**
 * A free-text field: a string of `limit.min`..`limit.max` characters (code points, as MariaDB
 * counts them), `min` counting visible characters only (spaces, zero-width and filler characters
 * are empty), without control characters or half surrogate pairs (shared `textProblem`). The limits
 * come from `TEXT_LIMITS` in shared, which the app's inputs and counters also read.
 * Errors: `{label}应为文字`, `请填写{label}`, `{label}最多{max}字`, `{label}含有…字符…`.
 */
export function IsText(limit: TextLimit, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_TEXT,
      constraints: [limit],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !textProblem(value, limit),
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? (textProblem(args.value, limit) ?? '')
            : `${limit.label}应为文字`,
      },
    },
    options,
  );
}

/**
 * A JSON object (`{…}`), not an array, null or a primitive. `@ValidateNested()` with `@Type()`
 * alone lets an array through (class-transformer turns `[{…}]` into instances), so every nested
 * object field carries this too.
 */
export function IsPlainObject(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_PLAIN_OBJECT,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && !Array.isArray(value),
        defaultMessage: () => '应为对象 {…}',
      },
    },
    options,
  );
}

/**
 * The message of a type rule (`@IsArray`, `@IsInt`…) that is also the one a missing field gets:
 * `missing` asks for the field, `wrongType` says which type a value sent must have.
 */
export function missingOr(missing: string, wrongType: string) {
  return (args: ValidationArguments): string =>
    args.value === undefined || args.value === null ? missing : wrongType;
}

/**
 * An optional field of the contract: it may be left out, but when present it is a value of its
 * type, never `null` (class-validator's `@IsOptional` lets `null` through unchecked, so
 * `{"reached":true,"score":null}` stood for a score). A field that `null` clears on purpose
 * (`PATCH /admin/units/:id {dutyPhone: null}`) says so with `@IsOptional` instead.
 */
export function MayBeAbsent(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** Marks the fields that `null` clears on purpose, for the input walk. */
export const NULL_CLEARS = 'shouhu:nullClears';

/**
 * A field that may be left out and that `null` clears on purpose (`PATCH /admin/units/:id
 * {dutyPhone: null}` removes the duty phone). Every other optional field is `@MayBeAbsent`.
 */
export function NullClears(): PropertyDecorator {
  return (target, property) => {
    Reflect.defineMetadata(NULL_CLEARS, true, target, property);
    IsOptional()(target, property);
  };
}

/** A position's latitude in degrees (WGS-84, −90 to 90), as the phone's location API gives it. */
export function IsLatitudeDegrees(): PropertyDecorator {
  return applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: '纬度应为数字' }),
    IsLatitude({ message: '纬度不正确' }),
  );
}

/** A position's longitude in degrees (WGS-84, −180 to 180), as the phone's location API gives it. */
export function IsLongitudeDegrees(): PropertyDecorator {
  return applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: '经度应为数字' }),
    IsLongitude({ message: '经度不正确' }),
  );
}

/**
 * The last page a list answers. A page past it is no list anyone reads, and a number like
 * `1e21` left the safe integers: written into the SQL offset in exponent form, it was a 500.
 */
export const PAGE_MAX = 100_000;

/** `page` of a list's query string: an integer from 1 to `PAGE_MAX`, 1 when left out. */
export function IsPageNumber(): PropertyDecorator {
  return applyDecorators(
    MayBeAbsent(),
    Type(() => Number),
    IsInt({ message: '页码应为整数' }),
    Min(1, { message: '页码从1开始' }),
    Max(PAGE_MAX, { message: `页码最大为${PAGE_MAX}` }),
  );
}

/**
 * `pageSize` of a list's query string: an integer from 1 to `max`, the list's own limit (what one
 * screen or one export of it reads at once); the DTO's default when left out.
 */
export function IsPageSize(max: number): PropertyDecorator {
  return applyDecorators(
    MayBeAbsent(),
    Type(() => Number),
    IsInt({ message: '每页条数应为整数' }),
    Min(1, { message: '每页至少1条' }),
    Max(max, { message: `每页最多${max}条` }),
  );
}
