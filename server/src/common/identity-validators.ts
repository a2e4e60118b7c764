import { ValidateBy, type ValidationOptions } from 'class-validator';
import { childAgeProblem, isMobilePhone, isValidIdNumber, isValidPhone } from '@shouhu/shared';

/** Constraint names, so a test can find every field that carries them. */
export const IS_PHONE = 'isPhone';
export const IS_ID_NUMBER = 'isIdNumber';
export const IS_CHILD_AGE = 'isChildAge';

/** Which numbers a phone field takes: any Chinese phone, or only a mobile, which receives an SMS. */
export type PhoneKind = 'any' | 'mobile';

/**
 * A Chinese mobile or landline as people type it (shared `isValidPhone`: +86, 0086, spaces,
 * dashes, parentheses, full-width digits), or with `kind` `mobile` only a mobile (shared
 * `isMobilePhone`). The kind is the rule's constraint, so a test can tell the fields apart.
 * Services store it normalised (`normalizePhone`), so staff read a number they can dial.
 */
export function IsPhone(options: ValidationOptions, kind: PhoneKind = 'any'): PropertyDecorator {
  const accepts = kind === 'mobile' ? isMobilePhone : isValidPhone;
  return ValidateBy(
    {
      name: IS_PHONE,
      constraints: [kind],
      validator: { validate: (value) => typeof value === 'string' && accepts(value) },
    },
    options,
  );
}

/**
 * A child's age in full years, 0 to 17 (shared `childAgeProblem`, which the app's form asks too).
 * Goes with `@IsInt`, whose message a value of the wrong type gets.
 */
export function IsChildAge(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_CHILD_AGE,
      validator: {
        validate: (value) => typeof value === 'number' && childAgeProblem(value) === null,
        defaultMessage: (args) => childAgeProblem(Number(args?.value)) ?? '',
      },
    },
    options,
  );
}

/**
 * A 身份证号 of GB 11643-1999 as people type it (shared `isValidIdNumber`: 18 characters, real
 * birth date, valid check character; x/X and full-width forms alike).
 */
export function IsIdNumber(options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_ID_NUMBER,
      validator: { validate: (value) => typeof value === 'string' && isValidIdNumber(value) },
    },
    options,
  );
}
