import 'reflect-metadata';
import { getMetadataStorage, validate } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
// Loading the application module loads every controller and so every DTO.
import '../app.module';
import { IS_CHILD_AGE, IS_ID_NUMBER, IS_PHONE, type PhoneKind } from './identity-validators';

const MOBILES_AS_TYPED = [
  '13912345678',
  '+86 139-1234-5678',
  '+86 138 0000 0000',
  '0086 13912345678',
  '＋８６１３９１２３４５６７８',
];
const LANDLINES_AS_TYPED = ['(0551) 6512-3456', '+86 551 6512 3456', '0557-7011110'];
const NEVER_PHONES = ['1391234567', '139abc12345678', '+1 415 555 2671', ''];

/** What a phone field of each kind takes: a mobile-only field (a duty phone) refuses a landline. */
const PHONES: Record<PhoneKind, { typed: string[]; refused: string[] }> = {
  any: { typed: [...MOBILES_AS_TYPED, ...LANDLINES_AS_TYPED], refused: NEVER_PHONES },
  mobile: { typed: MOBILES_AS_TYPED, refused: [...NEVER_PHONES, ...LANDLINES_AS_TYPED] },
};

/** Field names that hold a phone number or a 身份证号, in any DTO present or future. */
const KINDS = [
  {
    constraint: IS_PHONE,
    field: /phone|mobile/i,
    known: [
      'CreateUnitDto.dutyPhone',
      'ReportChildDto.guardianPhone',
      'ReportReporterDto.phone',
      'UpdateUnitDto.dutyPhone',
    ],
    typed: (kind: PhoneKind) => PHONES[kind].typed,
    refused: (kind: PhoneKind) => PHONES[kind].refused,
  },
  {
    constraint: IS_ID_NUMBER,
    field: /idNumber|idCard/i,
    known: ['ReportChildDto.idNumber'],
    typed: () => [
      '34132420150301017X',
      '34132420150301017x',
      '341324 20150301 017Ｘ',
      '３４１３２４２０１５０３０１００１４',
    ],
    refused: () => [
      '341324201503010015',
      '34132420150301001X',
      '3413242015030101',
      '991324201503010015',
    ],
  },
];

/** Every DTO field the application validates, read from class-validator's own registry. */
function validatedFields(): {
  target: new () => object;
  property: string;
  names: string[];
  phoneKind: PhoneKind;
}[] {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<new () => object, ValidationMetadata[]>;
  };
  return [...storage.validationMetadatas].flatMap(([target, metadatas]) =>
    [...new Set(metadatas.map((m) => m.propertyName))].map((property) => ({
      target,
      property,
      names: metadatas.filter((m) => m.propertyName === property).map((m) => m.name ?? ''),
      phoneKind: (metadatas.find((m) => m.propertyName === property && m.name === IS_PHONE)
        ?.constraints?.[0] ?? 'any') as PhoneKind,
    })),
  );
}

async function refuses(target: new () => object, property: string, value: string) {
  const errors = await validate(Object.assign(new target(), { [property]: value }));
  return errors.some((e) => e.property === property);
}

describe('identity fields of every DTO', () => {
  const fields = validatedFields();

  for (const kind of KINDS) {
    const matching = fields.filter((f) => kind.field.test(f.property));

    it(`finds the ${kind.constraint} fields of today’s forms, and any added later`, () => {
      expect(matching.map((f) => `${f.target.name}.${f.property}`)).toEqual(
        expect.arrayContaining(kind.known),
      );
    });

    for (const { target, property, names, phoneKind } of matching) {
      describe(`${target.name}.${property}`, () => {
        it(`is checked by the shared rule (${kind.constraint})`, () => {
          expect(names).toContain(kind.constraint);
        });

        it.each(kind.typed(phoneKind))('accepts %s as typed', async (value) => {
          expect(await refuses(target, property, value)).toBe(false);
        });

        it.each(kind.refused(phoneKind))('refuses %s', async (value) => {
          expect(await refuses(target, property, value)).toBe(true);
        });
      });
    }
  }
});

describe('child ages of every DTO', () => {
  const ageFields = validatedFields().filter((f) => /ageYears/.test(f.property));

  it('finds the age fields', () => {
    expect(ageFields.length).toBeGreaterThan(0);
  });

  for (const { target, property, names } of ageFields) {
    describe(`${target.name}.${property}`, () => {
      it(`is checked by the shared rule (${IS_CHILD_AGE})`, () => {
        expect(names).toContain(IS_CHILD_AGE);
      });

      it.each<[number, boolean]>([
        [0, false],
        [17, false],
        [18, true],
        [-1, true],
        [9.5, true],
      ])('takes %s: refused %s', async (value, refused) => {
        const errors = await validate(Object.assign(new target(), { [property]: value }));
        expect(errors.some((e) => e.property === property)).toBe(refused);
      });
    });
  }
});
