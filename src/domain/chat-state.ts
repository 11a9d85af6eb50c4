/** XEP-0085 chat states: what the other side of a one-to-one chat is doing. */
export type ChatState = 'active' | 'composing' | 'paused' | 'inactive' | 'gone';

export function describeChatState(who: string, state: ChatState): string {
  switch (state) {
    case 'composing':
      return `${who} is typing…`;
    case 'paused':
      return `${who} stopped typing`;
    case 'inactive':
      return `${who} is away from the chat`;
    case 'gone':
      return `${who} left the chat`;
    default:
      return '';
  }
}
