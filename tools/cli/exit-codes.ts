/** The tool's exit codes (docs/protocol.md, "The owner's tool"). Scripts may rely on them. */
export const EXIT_OK = 0;
/** Something unexpected; the message says what. */
export const EXIT_FAILED = 1;
/** The command line was wrong: see `parcelbox --help`. */
export const EXIT_USAGE = 2;
/** No box found, several found, or the port could not be opened. */
export const EXIT_PORT = 3;
/** The box refused the request (an ERR answer other than authentication). */
export const EXIT_REFUSED = 4;
/** No profile or secret for this box, or the box rejected our authentication. */
export const EXIT_AUTH = 5;
/** The box did not answer in time. */
export const EXIT_TIMEOUT = 6;
/** flash: no upload tool for that runtime on this machine; the manual steps were printed. */
export const EXIT_NO_UPLOADER = 7;

/** An error that ends the tool with a given exit code and a message saying what to do next. */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
