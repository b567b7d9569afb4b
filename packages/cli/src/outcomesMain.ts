// `engraft outcomes …` on its own (issue 15 §2): bin/engraft.js runs this bundle for the outcomes commands, so
// a statistics run loads commander and the statistics only, not the server, database and HLA engine that the
// full command tree imports (~1 s of start-up CPU). Same commands, options and messages as in program.ts.
import { Command } from 'commander';
import { registerOutcomesCommands } from './commands/outcomes/index';

const program = new Command('engraft').showHelpAfterError();
registerOutcomesCommands(program);
program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
