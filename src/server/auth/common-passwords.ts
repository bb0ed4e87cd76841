// Passwords refused whatever their length (docs/privacy.md checklist item 11). A short list, not the
// top-3,000 the ASVS suggests: the most common 8+ character passwords of public breach lists,
// plus Vietnamese favourites (matkhau = "password", anhyeuem = "I love you", the app's own name).
// Compared lower-case. Extend it here; a longer list can be loaded from a file the same way.
const LIST = `
12345678 123456789 1234567890 0123456789 12345678910 87654321 11111111 00000000 88888888
66666666 99999999 12341234 11223344 1234qwer qwerty123 qwertyui qwertyuiop 1q2w3e4r 1q2w3e4r5t
1qaz2wsx zaq12wsx zxcvbnm1 asdfghjk asdf1234 password password1 password123 passw0rd p@ssw0rd
p@ssword iloveyou iloveyou1 princess sunshine football baseball superman batman123 starwars
welcome1 welcome123 letmein1 trustno1 whatever dragon123 monkey123 abc12345 abcd1234 abcdefgh
aa123456 a1234567 a12345678 123456aa 123123123 123321123 147258369 123qweasd qwe12345 admin123
administrator admin1234 root1234 changeme changeme123 default1 secret123 test1234 guest123
matkhau matkhau1 matkhau123 matkhau@123 matkhaumoi anhyeuem anhyeuem1 anhyeuem123 emyeuanh
yeuemnhieu vietnam1 vietnam123 vietnam@123 hanoi123 saigon123 hochiminh quangngai quangngai123
sotayso sotayso1 sotayso123 songuyen123 nguyen123 tran1234 12345678a 12345678@ 123456789a
1234567a 1234567q 01234567 23456789 98765432 987654321 12121212 12344321 10203040 11112222
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
