/** `--help` / `-h` on any of Roster's CLIs: what it does and its usage on standard output, exit 0. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes("--help") || argv.includes("-h");
}
