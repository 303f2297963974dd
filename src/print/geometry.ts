/**
 * The GB/T 9704 page in PDF points, for code that reads or stamps printed pages (the print's
 * checks, the copies' stamp, the volume's folios), taken from the one description of the page
 * (layout/page.ts).
 */
import { BLOCK_MM, PAGE_MM } from '../layout/page.js';

export const MM = 72 / 25.4;
export const TEXT_LEFT = PAGE_MM.left * MM;
export const TEXT_RIGHT = (PAGE_MM.left + BLOCK_MM.width) * MM;
export const TEXT_FOOT = PAGE_MM.bottom * MM;
