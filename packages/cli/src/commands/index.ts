import type { Command } from 'commander';
import { registerClinicalCommands } from './clinical';
import { registerDonorsCommands } from './donors';
import { registerFhirCommands } from './fhir';
import { registerHlaCommands } from './hla';
import { registerOutcomesCommands } from './outcomes/index';
import { registerPlatformCommands } from './platform';
import { registerUserCommands } from './users';

/** One line per area; each area's file adds its subcommands (engraft <area> ...). */
export function registerCommands(program: Command): void {
  registerPlatformCommands(program);
  registerUserCommands(program);
  registerClinicalCommands(program);
  registerHlaCommands(program);
  registerOutcomesCommands(program);
  registerDonorsCommands(program);
  registerFhirCommands(program);
}
