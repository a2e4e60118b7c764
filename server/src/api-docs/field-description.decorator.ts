export const FIELD_DESCRIPTION = 'shouhu:field-description';

/**
 * What a body field means, for the API docs, where its rules do not say it: what `true` of a flag
 * does, which values apply when. The docs put it before what the rules say (`dto-schemas.ts`).
 */
export function FieldDescription(description: string): PropertyDecorator {
  return (target, property) =>
    Reflect.defineMetadata(FIELD_DESCRIPTION, description, target, property);
}

export function fieldDescriptionOf(dto: new () => object, property: string): string | undefined {
  return Reflect.getMetadata(FIELD_DESCRIPTION, dto.prototype, property) as string | undefined;
}
