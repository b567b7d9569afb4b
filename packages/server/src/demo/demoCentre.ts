/** The demo programme's centre: its name says the data are synthetic. */
export const DEMO_CENTRE = 'Engraft Demo Centre (synthetic data)';
