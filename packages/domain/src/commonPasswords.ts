// The most common passwords and password stems, as they appear at the top of published breach corpora (NCSC,
// "Top 100k passwords from the Have I Been Pwned data set", 2019; SecLists 10-million-password-list-top-1000).
// NIST SP 800-63B §5.1.1.2 (2017) asks verifiers to refuse passwords found in such lists. Stems are matched after
// the normalisation in passwordStrength.ts (lower case, look-alike digits read as letters, leading and trailing
// digits and symbols removed), so `Password1234!` and `P@ssw0rd2026` are refused through `password`.
export const COMMON_PASSWORD_STEMS: ReadonlySet<string> = new Set([
  'password', 'passwort', 'motdepasse', 'contrasena', 'passw', 'pass', 'qwerty', 'qwertz', 'azerty', 'qwertyuiop',
  'asdfgh', 'asdfghjkl', 'zxcvbn', 'zxcvbnm', 'qazwsx', 'qweasd', 'qweasdzxc', 'abc', 'abcdef', 'abcdefgh',
  'abcdefghijkl', 'letmein', 'welcome', 'welkom', 'willkommen', 'bienvenue', 'admin', 'administrator', 'root',
  'user', 'guest', 'test', 'tester', 'testing', 'default', 'changeme', 'secret', 'login', 'master', 'access',
  'iloveyou', 'monkey', 'dragon', 'football', 'baseball', 'soccer', 'hockey', 'basketball', 'sunshine',
  'princess', 'trustno', 'shadow', 'superman', 'batman', 'starwars', 'pokemon', 'michael', 'jennifer', 'jordan',
  'hunter', 'ranger', 'buster', 'thomas', 'robert', 'daniel', 'charlie', 'andrew', 'george', 'jessica',
  'ashley', 'nicole', 'michelle', 'freedom', 'whatever', 'computer', 'internet', 'cheese', 'chocolate',
  'summer', 'winter', 'spring', 'autumn', 'flower', 'mustang', 'killer', 'pepper', 'ginger', 'hello',
  'helloworld', 'loveme', 'lovely', 'love', 'blink', 'zaq', 'zaqxsw', 'qwer', 'asdf', 'iloveu', 'fuckyou',
  'matrix', 'liverpool', 'chelsea', 'arsenal', 'samsung', 'google', 'apple', 'microsoft', 'linkedin',
  'facebook', 'hospital', 'doctor', 'nurse', 'medical', 'patient', 'transplant', 'clinic', 'health', 'january',
  'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'friday', 'sommer', 'hallo', 'schatz', 'soleil', 'bonjour', 'ciao', 'amore', 'tequiero',
  'passwordpassword', 'qwertyqwerty', 'correcthorsebatterystaple', 'opensesame', 'letmeinnow',
]);
