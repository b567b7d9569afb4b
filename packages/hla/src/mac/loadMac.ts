import { readFileSync } from 'node:fs';
import { MacDictionary, parseMacFile } from './macDictionary';

/** Reads a MAC dictionary file (NMDP numer.v3.txt / alpha.v3.txt, or the Atlas CSV subset). */
export function loadMacFile(path: string): MacDictionary {
  return new MacDictionary(parseMacFile(readFileSync(path, 'utf8')));
}
