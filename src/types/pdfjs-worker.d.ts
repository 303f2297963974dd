/** pdf.js's worker module ships no types: the OFD edition only hands it to pdf.js (ofd/read-pdf.ts). */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
