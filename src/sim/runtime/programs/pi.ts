/** π to any number of significant digits (Machin's formula with BigInt), for perl's bpi(). */

function arctanInv(x: bigint, unity: bigint): bigint {
  let sum = 0n;
  let term = unity / x;
  const x2 = x * x;
  let n = 1n;
  let sign = 1n;
  while (term !== 0n) {
    sum += (sign * term) / n;
    term /= x2;
    n += 2n;
    sign = -sign;
  }
  return sum;
}

/** "3.14159..." with `digits` significant digits, rounded as Math::BigFloat does. */
export function piDigits(digits: number): string {
  const guard = 10;
  const unity = 10n ** BigInt(digits + guard);
  const pi = 16n * arctanInv(5n, unity) - 4n * arctanInv(239n, unity);
  const scaled = (pi + 5n * 10n ** BigInt(guard)) / 10n ** BigInt(guard + 1);
  const s = scaled.toString();
  return `${s[0]}.${s.slice(1, digits)}`;
}
