import { ApiException } from '../../src/common/api-exception';

/**
 * What a service call that must be refused was refused with, as the client would get it: its
 * status, stable code and field errors. Fails the test when the call succeeds or throws anything
 * but an `ApiException`.
 */
export async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiException);
  const { status, code, errors } = error as ApiException;
  return { status, code, errors };
}
