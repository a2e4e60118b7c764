import { InitialSchema1763800000000 } from './1763800000000-initial-schema';

/** Every migration in order; the list (not a glob) works the same from src, dist and jest. */
export const MIGRATIONS = [InitialSchema1763800000000];
