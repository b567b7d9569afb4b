import { Command } from 'commander';
import { registerCommands } from './commands/index';

/** Builds the `engraft` command tree. Each area registers its subcommands in commands/<area>.ts. */
export function buildProgram(): Command {
  const program = new Command('engraft')
    .description('Engraft: hematopoietic cell transplantation and cellular therapy platform')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: true });
  registerCommands(program);
  return program;
}
