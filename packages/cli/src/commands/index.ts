import type { Command } from 'commander';
import { registerHlaCommands } from './hla';

/** One line per area; each area's file adds its subcommands (engraft <area> ...). */
export function registerCommands(_program: Command): void {
  // areas register here
  registerHlaCommands(_program);
}
