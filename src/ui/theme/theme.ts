/** Colour tokens. Ink's chalk honours NO_COLOR and downgrades to the terminal's depth. */
export const theme = {
  border: 'gray',
  title: 'cyan',
  activeTab: 'black',
  activeTabBg: 'cyan',
  unread: 'yellow',
  statusFg: 'black',
  statusBg: 'blue',
  prompt: 'cyan',
  error: 'red',
  info: 'gray',
  command: 'blue',
  incoming: 'green',
  outgoing: 'magenta',
  timestamp: 'gray',
} as const;
