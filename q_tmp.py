import pypdfium2 as pdfium, sys
from extractor import pipeline as P
from extractor.settings import Settings
from extractor.model.result import ExtractionResult, Source
from pathlib import Path
if __name__ == "__main__":
    r=ExtractionResult(source=Source(path='x',sha256='x'))
    pages=P._read_pdf(Path(sys.argv[1]), r, Settings(ocr_timeout=0))
    work=[P._layout(p) for p in pages]
    P._drop_furniture(work)
    for w in work:
        P._tables_on_page(w, Settings(), r)
        for f,e in zip(w.fragments,w.edges):
            print(w.page.number, [round(v) for v in f.bbox], f.n_rows, f.n_cols, f.header_rows, f.title, e, [round(x) for x in f.col_xs])
        for ln in w.lines:
            if not P._inside_any(ln, w.fragments) and (ln.top > w.page.height*0.8 or ln.bottom < w.page.height*0.2): print('   line', round(ln.top), round(ln.bottom), ln.text[:40])
        for ln in w.furniture: print('   furn', round(ln.top), ln.text[:30])
