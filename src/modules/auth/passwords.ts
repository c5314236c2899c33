import * as argon2 from 'argon2';

/** Argon2id with the library's defaults (memory-hard; salt and parameters are in the hash). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Passwords too common to accept whatever their length (a short list; extend as needed). */
const COMMON = new Set([
  'password', 'password1', 'password123', '12345678', '123456789', '1234567890', 'qwertyui', 'qwerty123',
  'iloveyou', 'sunshine', 'princess', 'football', 'baseball', 'welcome1', 'abc12345', 'letmein1',
  'passw0rd', 'p@ssw0rd', 'admin123', 'administrator', 'changeme', 'trustno1', '11111111', '00000000',
  '87654321', 'asdfghjk', 'zaq12wsx', '1qaz2wsx', 'q1w2e3r4', 'superman', 'dragon12', 'master12',
]);

/** The password rules: at least 8 characters (the sources' own rule), not a common password, not the e-mail. */
export function passwordProblems(password: string, email?: string): { ja: string; en: string }[] {
  const problems: { ja: string; en: string }[] = [];
  if ([...password].length < 8) problems.push({ ja: 'パスワードは8文字以上にしてください。', en: 'The password must have at least 8 characters.' });
  if ([...password].length > 200) problems.push({ ja: 'パスワードが長すぎます。', en: 'The password is too long.' });
  if (COMMON.has(password.toLowerCase())) problems.push({ ja: 'よく使われるパスワードは使用できません。', en: 'This password is too common.' });
  if (email && password.toLowerCase() === email.toLowerCase()) problems.push({ ja: 'メールアドレスをパスワードにはできません。', en: 'The password must not be the e-mail address.' });
  return problems;
}
