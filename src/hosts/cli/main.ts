import { Command, CommanderError } from 'commander';
import { FIELDKIT_VERSION } from '../../system/version';
import { registerServeCommand } from './commands/serve';
import { registerDiscoverCommands } from './commands/discover';
import { registerLogsCommands } from './commands/logs';
import { registerSystemCommands } from './commands/system';
import { registerPtzCommands } from './commands/ptz';
import { registerAlarmsCommands } from './commands/alarms';
import { registerNetCommands } from './commands/net';
import { registerCommissionCommands } from './commands/commission';
import { registerRecordsCommands } from './commands/records';
import { EXIT, reportError, whenStdoutCloses } from './output';

/**
 * `fieldkit`: every command follows the same conventions: `--json` prints one
 * JSON document on stdout; progress goes to stderr; exit 0 ok, 1 failed,
 * 2 usage, 130 interrupted; errors are one line `fieldkit: ...`.
 */
export function buildProgram(): { program: Command; exitCode: () => number } {
  let code: number = EXIT.ok;
  const run = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      code = reportError(err);
    }
  };
  const program = new Command('fieldkit')
    .description('FieldKit: find, fix, aim and commission IP cameras on site, offline.')
    .version(FIELDKIT_VERSION, '-V, --version')
    .option('--data-dir <dir>', 'where the database lives (default: OS user-data dir; env FIELDKIT_DATA_DIR)')
    .option('--json', 'print one JSON document on stdout')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
  program.addHelpText(
    'after',
    '\nConventions: --json prints one JSON document; progress goes to stderr;\nexit 0 success, 1 failure, 2 usage error. `fieldkit <command> --help` for details.',
  );
  registerServeCommand(program, run);
  registerSystemCommands(program, run);
  registerDiscoverCommands(program, run);
  registerPtzCommands(program, run);
  registerLogsCommands(program, run);
  registerAlarmsCommands(program, run);
  registerNetCommands(program, run);
  registerCommissionCommands(program, run);
  registerRecordsCommands(program, run);
  for (const c of program.commands) c.exitOverride().configureOutput({ outputError: () => undefined });
  return { program, exitCode: () => code };
}

export async function main(argv: string[]): Promise<number> {
  const { program, exitCode } = buildProgram();
  whenStdoutCloses(() => process.exit(EXIT.ok));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      process.stderr.write(`fieldkit: ${err.message.replace(/^error: /, '')} (see fieldkit --help)\n`);
      return EXIT.usage;
    }
    return reportError(err);
  }
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.usage;
  }
  return exitCode();
}
