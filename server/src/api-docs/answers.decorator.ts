import type { AnswerName, ApiAnswers } from './answer-types';

export const ANSWER_METADATA = 'shouhu:answer';

/**
 * What a route's 2xx answer is: a JSON body named in `ApiAnswers`, the bytes of a photo or video,
 * or a file to save (a workbook) of one Content-Type.
 */
export type Answer =
  | { kind: 'json'; name: AnswerName }
  | { kind: 'media' }
  | { kind: 'file'; mime: string; description: string };

type Handler<T> = (...args: never[]) => T | Promise<T>;

/**
 * Names the body of a route's 2xx answer for the OpenAPI document (`ApiAnswers`). The compiler
 * refuses a route whose return type is not the type named, so the documented answer cannot drift
 * from the code.
 */
export function Answers<N extends AnswerName>(name: N) {
  return <M extends Handler<ApiAnswers[N]>>(
    _target: object,
    _key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    Reflect.defineMetadata(
      ANSWER_METADATA,
      { kind: 'json', name } satisfies Answer,
      descriptor.value as M,
    );
  };
}

/** A route that answers the stored bytes of a photo or video (its own Content-Type), not JSON. */
export function AnswersMedia(): MethodDecorator {
  return (_target, _key, descriptor) => {
    Reflect.defineMetadata(
      ANSWER_METADATA,
      { kind: 'media' } satisfies Answer,
      descriptor.value as object,
    );
  };
}

export function answerOf(handler: object): Answer | undefined {
  return Reflect.getMetadata(ANSWER_METADATA, handler) as Answer | undefined;
}

/** A route that answers a file to save (`Content-Disposition: attachment`) of this type. */
export function AnswersFile(mime: string, description: string): MethodDecorator {
  return (_target, _key, descriptor) => {
    Reflect.defineMetadata(
      ANSWER_METADATA,
      { kind: 'file', mime, description } satisfies Answer,
      descriptor.value as object,
    );
  };
}
