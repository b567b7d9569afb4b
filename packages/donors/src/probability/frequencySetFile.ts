import { readTextFile } from '../io';
import type { FrequencySet, ParseFrequencyOptions } from './frequencySet';
import { parseFrequencySet } from './frequencySet';

/** Reads a frequency set file, plain or gzip (detected by its magic bytes). @throws FrequencySetError */
export function loadFrequencySet(path: string, options: ParseFrequencyOptions = {}): FrequencySet {
  return parseFrequencySet(readTextFile(path), options);
}
