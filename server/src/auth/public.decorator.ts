import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'shouhu:public';

/** Marks a route that anyone may call without logging in. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
