/** Chinese dates and numerals as printed in bulletins. Pure. */

/** 2020-03-10 → 2020年3月10日 (no leading zeros, as GB/T 9704 writes dates). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const UNITS = ['', '十', '百', '千'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 1000 → 一千. For 0 ≤ n < 10000. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 10000) return String(n);
  if (n === 0) return DIGITS[0];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = UNITS[digits.length - 1 - i];
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += DIGITS[0];
    zero = false;
    out += DIGITS[d] + unit;
  });
  // 十二, not 一十二
  return out.startsWith('一十') ? out.slice(1) : out;
}

/** 6-digit copy number (份号), as GB/T 9704 prints it. */
export function serialNumber(n: number): string {
  return String(n).padStart(6, '0');
}
