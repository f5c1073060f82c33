import { FieldKitError } from '../../contract/errors';

/**
 * Running netsh through a UAC prompt when FieldKit is not elevated, with its
 * output and exit code brought back. Three programs are involved:
 *
 *   FieldKit ──execFile──▶ powershell.exe (outer, not elevated)
 *            ──Start-Process -Verb RunAs──▶ powershell.exe (inner, elevated)
 *            ──Process.Start──▶ netsh.exe (inside the elevated process)
 *
 * Start-Process -Verb RunAs goes through ShellExecuteEx, which cannot redirect
 * output: had it started netsh itself, only netsh's exit code would come back
 * and "Element not found." would be lost. So the elevated PowerShell runs
 * netsh with redirected output and writes a report (exit code + output) to a
 * temp file that the outer PowerShell created; the outer prints that report
 * on its stdout and deletes the file. The temp file lives in the technician's
 * own %TEMP%: the elevated process only ever writes that one file.
 *
 * Quoting is done here, never by PowerShell: Start-Process joins an array
 * -ArgumentList with spaces and adds no quotes (PowerShell/PowerShell#5576),
 * and PowerShell's own native-argument quoting differs between versions. Each
 * command line is built as ONE string by the rules the receiving program
 * splits it with (CommandLineToArgvW / the MSVC runtime).
 */

/** First line of the elevated process's report: `FIELDKIT-NETSH-EXIT <code>`, then netsh's output. */
const REPORT_HEADER = 'FIELDKIT-NETSH-EXIT';
/** What the outer PowerShell prints instead when the elevated process could not be started (UAC dismissed). */
const ELEVATION_FAILED = 'FIELDKIT-ELEVATION-FAILED';
/** Stands for the temp file path in the inner command line until the outer PowerShell knows it. */
const TMP_MARKER = '@@FIELDKIT_TMP@@';

/**
 * One argument quoted so CommandLineToArgvW (and the MSVC runtime) give it back
 * unchanged: left bare unless empty or containing white space or a quote; else
 * wrapped in double quotes, each embedded quote written as \" and the
 * backslashes right before a quote (or before the closing quote) doubled.
 * Backslashes anywhere else are literal and stay single.
 */
export function quoteWindowsArg(arg: string): string {
  if (arg.includes('\0')) throw new FieldKitError('invalid_input', 'An argument contains a NUL byte.');
  if (arg !== '' && !/[ \t\n\v"]/.test(arg)) return arg;
  let out = '"';
  let backslashes = 0;
  for (const c of arg) {
    if (c === '\\') {
      backslashes++;
      continue;
    }
    out += c === '"' ? '\\'.repeat(backslashes * 2 + 1) + '"' : '\\'.repeat(backslashes) + c;
    backslashes = 0;
  }
  return `${out}${'\\'.repeat(backslashes * 2)}"`;
}

/** A whole command-line tail: every argument quoted by {@link quoteWindowsArg}, joined by single spaces. */
export function windowsCommandLine(args: readonly string[]): string {
  return args.map(quoteWindowsArg).join(' ');
}

/**
 * A PowerShell single-quoted string literal. Inside '…' nothing is expanded
 * ($, `, " are literal); the only special characters are the single quotes,
 * which PowerShell also recognises in their typographic forms U+2018..U+201B,
 * each escaped by doubling it.
 */
export function psLiteral(s: string): string {
  return `'${s.replace(/['\u2018-\u201B]/g, '$&$&')}'`;
}

/**
 * The script the elevated PowerShell runs (one line, statements joined by `;`):
 * - `[Diagnostics.ProcessStartInfo]::new()` with `.Arguments` set to netsh's
 *   command line: .NET passes that string to CreateProcess verbatim, so netsh
 *   splits exactly what {@link windowsCommandLine} built.
 * - `UseShellExecute=$false` is what allows `RedirectStandardOutput/Error`;
 *   stderr is read with `ReadToEndAsync()` while stdout is read to the end, so
 *   neither pipe can fill up and block netsh.
 * - netsh is started by its full path in `[Environment]::SystemDirectory`
 *   (System32), not looked up in the current directory or PATH.
 * - `try/catch`: if netsh cannot be started, the exception text is the output
 *   and the code stays 1.
 * - `[IO.File]::WriteAllText(path, text)` writes the report as UTF-8;
 *   `[char]10` is a line feed (no double quotes needed for "`n").
 */
function innerScript(netshArgs: readonly string[]): string {
  return [
    '$c=1',
    "$o=''",
    'try{$i=[Diagnostics.ProcessStartInfo]::new()',
    "$i.FileName=Join-Path ([Environment]::SystemDirectory) 'netsh.exe'",
    `$i.Arguments=${psLiteral(windowsCommandLine(netshArgs))}`,
    '$i.UseShellExecute=$false',
    '$i.CreateNoWindow=$true',
    '$i.RedirectStandardOutput=$true',
    '$i.RedirectStandardError=$true',
    '$p=[Diagnostics.Process]::Start($i)',
    '$e=$p.StandardError.ReadToEndAsync()',
    '$o=$p.StandardOutput.ReadToEnd()+$e.Result',
    '$p.WaitForExit()',
    // The try's closing brace and its catch in one piece: a `;` between them would be a parse error.
    '$c=$p.ExitCode}catch{$o=$_.Exception.Message}',
    `[IO.File]::WriteAllText('${TMP_MARKER}','${REPORT_HEADER} '+$c+[char]10+$o)`,
    'exit $c',
  ].join(';');
}

/**
 * The `-Command` script for the outer (not elevated) powershell.exe:
 * - `[IO.Path]::GetTempFileName()` creates an empty, uniquely named file in
 *   %TEMP% and returns its path.
 * - The elevated powershell.exe's command line is ONE string, passed as a
 *   single `-ArgumentList` value (never an array, see PowerShell#5576): the
 *   part before and after the temp path are single-quoted literals built here;
 *   the path is spliced in with `-replace '[''\u2018-\u201B]','$0$0'`, which
 *   doubles any single quote in it (the path sits inside a '…' literal of the
 *   inner script; a Windows path cannot contain a double quote, so no
 *   command-line escaping is needed for it).
 * - `(Join-Path $PSHOME 'powershell.exe')`: the same PowerShell that runs this
 *   script, by full path.
 * - `-Verb RunAs` shows the UAC prompt; `-WindowStyle Hidden` hides the
 *   elevated console; `-Wait` returns only once it has exited.
 * - `-ErrorAction Stop` turns Start-Process's failure (the technician
 *   dismissed the prompt: "The operation was canceled by the user.") into an
 *   exception for `catch`, which prints ELEVATION_FAILED and exits 1. Without
 *   it the error would only be written to stderr and the script exit 0.
 * - The report is read and printed only after the try/catch, so an unreadable
 *   file is never mistaken for a refused prompt: it simply yields no report.
 * - `Remove-Item -LiteralPath` (no wildcard expansion) deletes the temp file.
 * - `[Console]::Out.Write` prints the report as is (no host formatting).
 */
export function elevatedNetshScript(netshArgs: readonly string[]): string {
  const [before, after, ...rest] = quoteWindowsArg(innerScript(netshArgs)).split(TMP_MARKER);
  if (before === undefined || after === undefined || rest.length) throw new FieldKitError('internal', 'Temp file marker must occur exactly once.');
  const innerCommandLine = `${windowsCommandLine(['-NoProfile', '-NonInteractive', '-Command'])} ${before}`;
  return [
    '$t=[IO.Path]::GetTempFileName()',
    "$o=''",
    "$r=''",
    // try and catch stay in one statement: a `;` between them would end the try (a parse error).
    `try{Start-Process -FilePath (Join-Path $PSHOME 'powershell.exe') -ArgumentList (${psLiteral(innerCommandLine)}+($t -replace '[''\\u2018-\\u201B]','$0$0')+${psLiteral(after)}) -Verb RunAs -WindowStyle Hidden -Wait -ErrorAction Stop}` +
      `catch{$o='${ELEVATION_FAILED} '+$_.Exception.Message}`,
    'if(-not $o){$r=[IO.File]::ReadAllText($t)}',
    'Remove-Item -LiteralPath $t -Force -ErrorAction SilentlyContinue',
    'if($o){[Console]::Out.Write($o);exit 1}',
    '[Console]::Out.Write($r)',
    'exit 0',
  ].join(';');
}

/** What the outer PowerShell's output says happened. */
export type ElevatedOutcome =
  | { kind: 'ran'; code: number; output: string }
  | { kind: 'not-elevated'; message: string }
  | { kind: 'no-report'; message: string };

/** Reads the outer PowerShell's stdout/stderr (see {@link elevatedNetshScript}). */
export function parseElevatedOutput(r: { code: number; stdout: string; stderr: string }): ElevatedOutcome {
  const refused = new RegExp(`^${ELEVATION_FAILED} ?([\\s\\S]*)$`).exec(r.stdout.trimStart());
  if (refused) return { kind: 'not-elevated', message: refused[1]!.trim() || 'the UAC prompt was not accepted' };
  const report = new RegExp(`^${REPORT_HEADER} (-?\\d+)\\r?\\n([\\s\\S]*)$`).exec(r.stdout);
  if (report) return { kind: 'ran', code: Number(report[1]), output: report[2]! };
  // The elevated process never wrote its report: success cannot be assumed.
  const said = (r.stdout + r.stderr).trim();
  return { kind: 'no-report', message: `the elevated netsh reported nothing (powershell exit ${r.code}${said ? `: ${said}` : ''})` };
}
