// Published textbook data sets used as references in the tests.

/** Acute myelogenous leukemia (Embury et al. 1977), R survival package `aml`: x = Maintained / Nonmaintained. */
export const aml = {
  time: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161, 5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45],
  status: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1],
  x: [...Array<string>(11).fill('Maintained'), ...Array<string>(12).fill('Nonmaintained')],
};

/**
 * Remission durations (weeks) of the 6-MP trial in acute leukemia (Freireich et al. 1963), as analysed by
 * Gehan (1965) and in Kleinbaum & Klein, Survival Analysis, ch. 1–2 (R: MASS::gehan).
 */
export const gehan = {
  time: [
    6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35, 1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8,
    11, 11, 12, 12, 15, 17, 22, 23,
  ],
  status: [
    1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1,
  ],
  treat: [...Array<string>(21).fill('6-MP'), ...Array<string>(21).fill('control')],
};
