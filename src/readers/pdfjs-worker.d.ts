// pdf.js ships no types for its worker module; policylint only loads it for its side effect (globalThis.pdfjsWorker).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
