/** Punctuation that ends a Chinese sentence. */
const SENTENCE_END = /[。！？]$/;

/**
 * Words that leave a timeline line hanging: a line ending in them reads as a fragment (“…需通知”,
 * “退单：”) and not as something that happened.
 */
const DANGLING_ENDS = ['需通知', '：', '，', '、', '；'];

/**
 * A timeline line as people read it (issue 11: timeline lines are whole sentences): the text with
 * a closing 。 unless it already ends a sentence. Texts people typed (a reason, a note) are kept as
 * they are inside it.
 */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '' || SENTENCE_END.test(trimmed)) return trimmed;
  const open = DANGLING_ENDS.find((end) => end !== '需通知' && trimmed.endsWith(end));
  return `${open ? trimmed.slice(0, -open.length) : trimmed}。`;
}

/**
 * Whether a line reads as a whole sentence: it ends with 。！ or ？, and the clause before that end
 * does not hang (no “…需通知。”, no “原因：。”). The check the timeline walks apply to every line.
 */
export function isWholeSentence(text: string): boolean {
  const trimmed = text.trim();
  if (!SENTENCE_END.test(trimmed)) return false;
  const clause = trimmed.slice(0, -1);
  return clause !== '' && !DANGLING_ENDS.some((end) => clause.endsWith(end));
}
