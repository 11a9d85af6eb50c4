/** Process exit codes, shared by every entry point (documented in natter --help for scripts). */
export const ExitCode = {
  ok: 0,
  /** The request was refused, or the configuration is invalid. */
  failure: 1,
  usage: 2,
  authentication: 3,
  network: 4,
} as const;
