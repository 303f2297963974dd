/**
 * The GB/T 9704 page in PDF points, for code that reads or stamps printed pages: the text block
 * 156 mm wide from 28 mm, its foot 35 mm above the page's (templates/styles/bulletin.css sets
 * the same in CSS). One place, so the print's checks, the copies' stamp and the volume's folios
 * agree on where the text block ends.
 */
export const MM = 72 / 25.4;
export const TEXT_LEFT = 28 * MM;
export const TEXT_RIGHT = (28 + 156) * MM;
export const TEXT_FOOT = 35 * MM;
