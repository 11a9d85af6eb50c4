import type { Store } from '../../store/create-store.js';

interface Question {
  label: string;
  masked: boolean;
  resolve(answer: string | undefined): void;
}

/**
 * Questions asked on the command line (a password, "save it?", "trust this certificate?"),
 * one at a time in the order asked. The answer never passes through the command registry
 * or the line history.
 */
export function createPrompter(store: Store, options: { interactive?: boolean } = {}) {
  const interactive = options.interactive ?? true;
  const queue: Question[] = [];
  const showNext = (): void => {
    const next = queue[0];
    store.dispatch({ type: 'prompt/set', prompt: next ? { label: next.label, masked: next.masked } : undefined });
  };
  return {
    ask(label: string, options: { masked?: boolean } = {}): Promise<string | undefined> {
      // Nobody to ask (natter run, scripts): every question is answered "cancelled".
      if (!interactive) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        queue.push({ label, masked: options.masked ?? false, resolve });
        if (queue.length === 1) showNext();
      });
    },
    /** The answer to the question on screen; undefined when it was cancelled. */
    answer(text: string | undefined): void {
      const question = queue.shift();
      showNext();
      question?.resolve(text);
    },
    /** Cancels every open question (natter is quitting). */
    cancelAll(): void {
      for (const question of queue.splice(0)) question.resolve(undefined);
      showNext();
    },
  };
}

export type Prompter = ReturnType<typeof createPrompter>;

/** Asks until the answer is one of `choices` (first letters count); undefined if cancelled. */
export async function choose(prompter: Prompter, label: string, choices: readonly string[]): Promise<string | undefined> {
  for (;;) {
    const answer = (await prompter.ask(label))?.trim().toLowerCase();
    if (answer === undefined) return undefined;
    const found = choices.find((c) => c === answer || (answer.length > 0 && c.startsWith(answer)));
    if (found) return found;
  }
}
