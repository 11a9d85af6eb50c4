// Dates and counts in the fixed English forms natter shows, without Intl: its date and number
// formatters load ~9 MB of ICU code and locale data into memory (measured in smaps) for text
// whose form never changes.

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Monday, 7 December 2026", in local time: what toLocaleDateString('en-GB', long weekday, day, month, year) gives. */
export function formatDay(at: number): string {
  const date = new Date(at);
  return `${WEEKDAYS[date.getDay()]}, ${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

/** "100,000": an integer with its thousands grouped, as toLocaleString('en-US') gives. */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
