"""Hostile inputs through `extractor extract`: seeded mutants of the samples, each run as a real
process with a time and memory bound, each outcome classified.

    python evaluation/fuzz.py [--count 1000] [--seed 11] [-j 2] [--timeout 60] [--report DIR]

Classes (`MUTATORS`): byte flips, truncation, xref damage, deleted and duplicated objects,
page-box values, /Count and /Length lies, deep nesting, page-tree loops, Flate and LZW bombs,
giant image XObjects, JPX/JBIG2/CCITT junk, many pages, junk around a PDF, hostile names;
PNG/JPEG/TIFF headers, frame bombs and text-chunk bombs; and real captures (`CAPTURES`: the
photos and scans under samples/realworld, and ../shared/realworld2's when it is beside the
checkout) turned, tilted, cropped, scaled down, recompressed, blurred or speckled. Mutant i of a
run with seed S is the same on every machine that has the same captures.

Each mutant runs in a sandbox folder of its own (`in/NAME`, output to `out/`, the sandbox as
the working directory) with `EXTRACTOR_TIMEOUT` set to --timeout. Outcomes:

    ok (0), partial (9), refused (3-8, 14-16: one line, its own code)   the service's answers
    internal (1), traceback, multiline, hang, outside, unexpected        defects

`internal` is also a result (ok or partial) whose errors name a stage that works on the
project's own page representation (tables, facts, entities, repair: `OWN_STAGES`), where
no input can excuse an exception; for a capture, whose file is sound, a page that could not be
read or OCR'd is one too (`IndexError` on a curled photo's grid was found this way).
    harness                                                              the mutant could not be set up

`hang`: still running --timeout + 45 s after it started (killed). `outside`: a file written in
the sandbox but outside out/. Peak RSS is the largest resident size of the process or any of
its children (wait4), or the sum over the process tree sampled every 50 ms, whichever is
larger: the OCR child and its parent together. The run exits 1 when any defect is found, 0 otherwise; the report
(JSON and Markdown) lists every defect with its mutant, to replay with --only.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.pdfs import assemble_pdf, lzw_zeros, one_page_pdf, stream
from tests.procs import descendants, rss_kb

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [ROOT / "samples" / "digital" / n for n in ("bulletin-000.pdf", "stat-xinyu-bannian-2024-H1.pdf")]
CAPTURE_SUFFIXES = {".png", ".jpg", ".jpeg"}
CAPTURES = sorted(
    p
    for folder in (ROOT / "samples" / "realworld", ROOT.parent / "shared" / "realworld2")
    if folder.is_dir()
    for p in folder.iterdir()
    if p.suffix.lower() in CAPTURE_SUFFIXES
)
OWN_STAGES = {"tables", "facts", "entities", "repair"}
SOUND_FILE_STAGES = OWN_STAGES | {"image", "read"}  # a capture's file is sound: its pages must read
DEFECTS = ("internal", "traceback", "multiline", "hang", "outside", "unexpected", "harness")
REFUSALS = {3, 4, 5, 6, 7, 8, 14, 15, 16}
HANG_GRACE = 45.0


@dataclass
class Mutant:
    index: int
    kind: str
    name: str  # the file name (may hold bytes that are not UTF-8, as \\x escapes via surrogateescape)
    data: bytes


@dataclass
class Outcome:
    index: int
    kind: str
    name: str
    outcome: str
    code: int | None
    seconds: float
    peak_mb: float
    stderr: str


# --- seeds -----------------------------------------------------------------------------------


def _seed_pdfs() -> list[bytes]:
    return [p.read_bytes() for p in SEEDS]


def _text_image(fmt: str, size: tuple[int, int] = (480, 200)) -> bytes:
    im = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(im)
    for y in range(20, size[1] - 20, 40):
        draw.rectangle((20, y, size[0] - 20, y + 16), fill="black")  # ink, no font needed
    buf = io.BytesIO()
    im.save(buf, fmt)
    return buf.getvalue()


def _image_page_pdf(image: bytes, filt: bytes, w: int, h: int, extra: bytes = b"") -> bytes:
    """A page that is one image (so it is rendered for OCR: PDFium decodes the image)."""
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Im0 5 0 R >> >> >>",
            stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
            stream(
                image,
                b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                b"/BitsPerComponent %s /Filter %s %s"
                % (w, h, b"1" if filt in (b"/CCITTFaxDecode", b"/JBIG2Decode") else b"8", filt, extra),
            ),
        ]
    )


_BOMB: bytes | None = None


def _flate_bomb() -> bytes:
    global _BOMB
    if _BOMB is None:
        squeeze = zlib.compressobj(9)
        _BOMB = b"".join(squeeze.compress(b"\0" * (1 << 24)) for _ in range(64)) + squeeze.flush()  # 1 GiB
    return _BOMB


# --- mutators: (rng, seed pdf) -> (kind, name, bytes) ----------------------------------------------


def byte_flips(rng: random.Random, pdf: bytes) -> bytes:
    data = bytearray(pdf)
    for _ in range(rng.choice([1, 4, 16, 64, 256])):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def truncation(rng: random.Random, pdf: bytes) -> bytes:
    return pdf[: rng.randrange(16, len(pdf))]


def xref_damage(rng: random.Random, pdf: bytes) -> bytes:
    choice = rng.randrange(4)
    if choice == 0:  # startxref points anywhere
        return re.sub(rb"startxref\s+\d+", b"startxref\n%d" % rng.randrange(10**9), pdf)
    if choice == 1:  # every offset in the table shifted
        shift = rng.choice([-7, 3, 1000])
        return re.sub(rb"(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (max(0, int(m[1]) + shift), m[2]), pdf)
    if choice == 2:  # the table gone
        return re.sub(rb"xref.*?trailer", b"trailer", pdf, flags=re.S)
    return pdf.replace(b"/Root", b"/Rot")


def _objects(pdf: bytes) -> list[re.Match[bytes]]:
    return list(re.finditer(rb"\d+ \d+ obj.*?endobj", pdf, flags=re.S))


def deleted_object(rng: random.Random, pdf: bytes) -> bytes:
    objs = _objects(pdf)
    if not objs:
        return pdf
    m = rng.choice(objs)
    return pdf[: m.start()] + pdf[m.end() :]


def duplicated_object(rng: random.Random, pdf: bytes) -> bytes:
    objs = _objects(pdf)
    if not objs:
        return pdf
    m = rng.choice(objs)
    twin = re.sub(rb"/Type\s*/\w+", b"/Type /Page", m[0], count=1)
    return pdf[: m.end()] + b"\n" + twin + pdf[m.end() :]


BOXES = [b"[0 0 1e9 1e9]", b"[0 0 1e38 842]", b"[/a /b /c /d]", b"[0 0 595]", b"[0 0 -595 -842]", b"[0 0 0 0]",
         b"[1 2 3 4 5 6]", b"[(x) (y) 1 2]", b"[0 0 99999999999999999999 1]", b"5 0 R", b"[0 0 595 842"]  # fmt: skip


def page_box(rng: random.Random, pdf: bytes) -> bytes:
    key = rng.choice([b"/MediaBox", b"/CropBox", b"/Rotate"])
    value = rng.choice(BOXES) if key != b"/Rotate" else rng.choice([b"45", b"1e9", b"/x", b"-90"])
    if key in pdf:
        return re.sub(re.escape(key) + rb"\s*(\[[^\]]*\]|\S+)", key + b" " + value, pdf, count=rng.choice([1, 0]))
    return re.sub(rb"/Type\s*/Page\b", b"/Type /Page " + key + b" " + value, pdf, count=1)


def count_lie(rng: random.Random, pdf: bytes) -> bytes:
    value = rng.choice([b"1e9", b"-1", b"0", b"2147483648", b"/x", b"99999999999999999999"])
    return re.sub(rb"/Count\s+\d+", b"/Count " + value, pdf)


def length_lie(rng: random.Random, pdf: bytes) -> bytes:
    value = rng.choice([b"9223372036854775807", b"0", b"-1", b"1e9", b"/x", b"99 0 R"])
    return re.sub(rb"/Length\s+\d+", b"/Length " + value, pdf, count=rng.choice([1, 0]))


def deep_nesting(rng: random.Random, pdf: bytes) -> bytes:
    depth = rng.choice([1000, 10_000, 100_000])
    opener, closer = rng.choice([(b"[", b"]"), (b"<< /a ", b" >>")])
    return one_page_pdf(b"BT ET", resources=b"<< /X " + opener * depth + b"1" + closer * depth + b" >>")


def page_tree_loop(rng: random.Random, pdf: bytes) -> bytes:
    kind = rng.randrange(3)
    kids = [b"[2 0 R]", b"[3 0 R 2 0 R]", b"[3 0 R 3 0 R 3 0 R]"][kind]
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids %s /Count 3 >>" % kids,
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>",
        ]
    )


def flate_bomb(rng: random.Random, pdf: bytes) -> bytes:
    if rng.random() < 0.5:
        return one_page_pdf(_flate_bomb(), b"/Filter /FlateDecode")
    side = 32768
    return _image_page_pdf(_flate_bomb(), b"/FlateDecode", side, side)  # 1 GiB of pixels for PDFium


def lzw_bomb(rng: random.Random, pdf: bytes) -> bytes:
    return one_page_pdf(lzw_zeros(rng.choice([8, 40])), b"/Filter /LZWDecode")


def giant_image(rng: random.Random, pdf: bytes) -> bytes:
    w, h = rng.choice([(100_000, 100_000), (2**31 - 1, 1), (60_000, 60_000), (0, 0), (-5, 7)])
    return _image_page_pdf(os.urandom(rng.choice([16, 4096])), b"/FlateDecode", w, h)


def codec_junk(rng: random.Random, pdf: bytes) -> bytes:
    filt = rng.choice([b"/JPXDecode", b"/JBIG2Decode", b"/CCITTFaxDecode", b"/DCTDecode", b"/RunLengthDecode"])
    junk = rng.randbytes(rng.choice([64, 4096, 65536]))
    if filt == b"/JPXDecode" and rng.random() < 0.5:
        junk = b"\x00\x00\x00\x0cjP  \r\n\x87\n" + junk  # a JP2 signature, then junk
    extra = b"/DecodeParms << /K -1 /Columns 2000 /Rows 3000 >>" if filt == b"/CCITTFaxDecode" else b""
    return _image_page_pdf(junk, filt, rng.choice([2000, 40000]), rng.choice([3000, 40000]), extra)


def many_pages(rng: random.Random, pdf: bytes) -> bytes:
    n = rng.choice([1500, 3000, 20000])
    kids = b" ".join(b"3 0 R" for _ in range(n))
    count = rng.choice([n, 4])
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
            stream(b"BT ET"),
        ]
    )


def junk_around(rng: random.Random, pdf: bytes) -> bytes:
    size = rng.choice([1 << 10, 1 << 20, 16 << 20, 64 << 20])
    junk = rng.randbytes(size) if size <= 1 << 20 else os.urandom(size)
    where = rng.randrange(3)
    if where == 0:
        return pdf + junk
    if where == 1:
        return junk[:900] + pdf  # the header still within the first 1024 bytes
    half = len(pdf) // 2
    return pdf[:half] + junk + pdf[half:]


def png_header(rng: random.Random, pdf: bytes) -> bytes:
    png = bytearray(_text_image("PNG"))
    choice = rng.randrange(3)
    if choice == 0:  # IHDR says 2^31-1 × 2^31-1
        png[16:24] = struct.pack(">II", rng.choice([2**31 - 1, 100_000, 0]), rng.choice([2**31 - 1, 100_000, 0]))
        png[29:33] = struct.pack(">I", zlib.crc32(bytes(png[12:29])))
        return bytes(png)
    if choice == 1:  # a zTXt chunk that inflates to 64 MiB
        body = b"Comment\x00\x00" + zlib.compress(b"a" * (64 << 20), 9)
        chunk = struct.pack(">I", len(body)) + b"zTXt" + body + struct.pack(">I", zlib.crc32(b"zTXt" + body))
        return bytes(png[:33]) + chunk + bytes(png[33:])
    return byte_flips(rng, bytes(png))


def jpeg_header(rng: random.Random, pdf: bytes) -> bytes:
    jpg = bytearray(_text_image("JPEG"))
    sof = jpg.find(b"\xff\xc0")
    if sof > 0 and rng.random() < 0.6:
        jpg[sof + 5 : sof + 9] = struct.pack(">HH", rng.choice([65535, 0, 1]), rng.choice([65535, 0, 1]))
        return bytes(jpg)
    return truncation(rng, bytes(jpg)) if rng.random() < 0.5 else byte_flips(rng, bytes(jpg))


def tiff_frames(rng: random.Random, pdf: bytes) -> bytes:
    buf = io.BytesIO()
    if rng.random() < 0.5:  # a frame bomb: thousands of tiny frames
        frames = [Image.new("L", (4, 4), 255) for _ in range(rng.choice([1200, 5000]))]
        frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:])
        return buf.getvalue()
    tif = bytearray(_text_image("TIFF"))
    for _ in range(8):  # damage the first IFD's entries
        at = rng.randrange(8, min(len(tif), 400))
        tif[at] = rng.randrange(256)
    return bytes(tif)


def capture(rng: random.Random, pdf: bytes) -> bytes:
    """A real photo or scan as another capture of it might come: turned by quarters or a few
    degrees, cropped, scaled down, blurred or speckled, and saved as a JPEG of low quality."""
    from PIL import ImageFilter  # noqa: PLC0415

    with Image.open(rng.choice(CAPTURES)) as src:
        im = src.convert("RGB")
    for step in rng.sample(["turn", "tilt", "crop", "scale", "blur", "speckle"], rng.randint(1, 3)):
        if step == "turn":
            im = im.rotate(90 * rng.randint(1, 3), expand=True)
        elif step == "tilt":
            im = im.rotate(rng.uniform(-4, 4), expand=True, fillcolor="white")
        elif step == "crop":
            w, h = im.size
            cw, ch = int(w * rng.uniform(0.6, 1.0)), int(h * rng.uniform(0.6, 1.0))
            x, y = rng.randint(0, w - cw), rng.randint(0, h - ch)
            im = im.crop((x, y, x + cw, y + ch))
        elif step == "scale":
            f = rng.uniform(0.4, 0.9)
            im = im.resize((max(1, int(im.width * f)), max(1, int(im.height * f))))
        elif step == "blur":
            im = im.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.5)))
        else:
            px = im.load()
            for _ in range(im.width * im.height // 50):
                px[rng.randrange(im.width), rng.randrange(im.height)] = (0, 0, 0) if rng.random() < 0.5 else (255,) * 3
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=rng.randint(25, 75))
    return buf.getvalue()


def hostile_name(rng: random.Random, pdf: bytes) -> bytes:
    return pdf  # the name is the mutation (see NAMES)


NAMES = [
    "通报".encode("gbk") + b".pdf",  # GBK: not UTF-8
    ("政务服务" * 20).encode() + b".pdf",  # 80 characters, 244 bytes: near the 255-byte limit
    b"...pdf",
    b"-rf.pdf",
    b"a\nb.pdf",
    b"..\\..\\x.pdf",
    b" .pdf",
    b"CON.pdf",
    b"\xff\xfe.pdf",
    "x\u202egnp.pdf".encode(),
]

MUTATORS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "byte_flips": byte_flips,
    "truncation": truncation,
    "xref_damage": xref_damage,
    "deleted_object": deleted_object,
    "duplicated_object": duplicated_object,
    "page_box": page_box,
    "count_lie": count_lie,
    "length_lie": length_lie,
    "deep_nesting": deep_nesting,
    "page_tree_loop": page_tree_loop,
    "flate_bomb": flate_bomb,
    "lzw_bomb": lzw_bomb,
    "giant_image": giant_image,
    "codec_junk": codec_junk,
    "many_pages": many_pages,
    "junk_around": junk_around,
    "hostile_name": hostile_name,
    "png_header": png_header,
    "jpeg_header": jpeg_header,
    "tiff_frames": tiff_frames,
    **({"capture": capture} if CAPTURES else {}),
}
SUFFIX = {"png_header": ".png", "jpeg_header": ".jpg", "tiff_frames": ".tif", "capture": ".jpg"}


def mutant(index: int, seed: int, seeds: list[bytes]) -> Mutant:
    """Mutant `index` of the run seeded `seed`: the classes in turn, each draw from its own RNG."""
    kinds = list(MUTATORS)
    kind = kinds[index % len(kinds)]
    rng = random.Random(f"{seed}-{index}")
    data = MUTATORS[kind](rng, rng.choice(seeds))
    name = os.fsdecode(rng.choice(NAMES)) if kind == "hostile_name" else f"m{index:04d}{SUFFIX.get(kind, '.pdf')}"
    return Mutant(index, kind, name, data)


# --- running ------------------------------------------------------------------------------------


def run_one(m: Mutant, work: Path, timeout: float) -> Outcome:
    box = work / f"{m.index:04d}"
    (box / "in").mkdir(parents=True)
    path = box / "in" / os.fsencode(m.name).replace(b"/", b"_").decode(errors="surrogateescape")
    path.write_bytes(m.data)
    before = _files(box)
    env = {**os.environ, "EXTRACTOR_TIMEOUT": str(timeout)}
    t0 = time.monotonic()
    log = work / f"{m.index:04d}.err"  # beside the sandbox, not in it; a file, so no pipe can fill up
    with log.open("wb") as err_file:
        proc = subprocess.Popen(
            [sys.executable, "-m", "extractor", "extract", str(path), "-o", "out", "-q"],
            cwd=box, env=env, stdout=subprocess.DEVNULL, stderr=err_file,
        )  # fmt: skip
    hung, tree_kb = False, 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        tree_kb = max(tree_kb, sum(rss_kb(p) for p in {proc.pid} | descendants(proc.pid)))
        if time.monotonic() - t0 > timeout + HANG_GRACE:
            proc.kill()
            hung = True
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.05)
    seconds = time.monotonic() - t0
    err = log.read_bytes().decode(errors="replace")
    log.unlink()
    code = None if hung else os.waitstatus_to_exitcode(status)
    outside = [p for p in _files(box) - before if not p.startswith("out/")]
    own = _own_errors(box / "out", SOUND_FILE_STAGES if m.kind == "capture" else OWN_STAGES)
    if hung:
        outcome = "hang"
    elif code in (0, 9) and own:
        outcome, err = "internal", f"{own[0]}\n{err}"
    elif outside:
        outcome, err = "outside", f"wrote {outside[:3]}\n{err}"
    elif "Traceback" in err:
        outcome = "traceback"
    elif code == 1:
        outcome = "internal"
    elif len(err.strip().splitlines()) > 1:
        outcome = "multiline"
    elif code == 0:
        outcome = "ok"
    elif code == 9:
        outcome = "partial"
    elif code in REFUSALS:
        outcome = "refused"
    else:
        outcome = "unexpected"
    peak = max(usage.ru_maxrss, tree_kb) / 1024
    result = Outcome(m.index, m.kind, _printable(m.name), outcome, code, round(seconds, 2), round(peak, 1), err[-600:])
    shutil.rmtree(box, ignore_errors=True)
    return result


def _own_errors(out: Path, stages: set[str]) -> list[str]:
    """The errors a result records in `stages` ("stage: page N: message")."""
    found = []
    for path in out.glob("*.json") if out.is_dir() else ():
        try:
            errors = json.loads(path.read_text(encoding="utf-8")).get("errors") or []
        except (OSError, ValueError, AttributeError):
            continue
        found += [
            f"{e.get('stage')}: page {e.get('page')}: {e.get('message')}" for e in errors if e.get("stage") in stages
        ]
    return found


def _run_safely(index: int, seed: int, seeds: list[bytes], work: Path, timeout: float) -> Outcome:
    """A mutant the harness itself cannot run (a name the file system refuses) is reported as
    `harness`, not left to stop the run."""
    try:
        return run_one(mutant(index, seed, seeds), work, timeout)
    except Exception as exc:  # boundary: one mutant's setup must not lose the run
        return Outcome(index, "?", "?", "harness", None, 0.0, 0.0, f"{type(exc).__name__}: {exc}")


def _printable(name: str) -> str:
    """A name as the report can write it: bytes that were not UTF-8 as \\xNN."""
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def _files(root: Path) -> set[str]:
    return {os.path.relpath(os.path.join(d, f), root) for d, _dirs, files in os.walk(root) for f in files}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0, help="EXTRACTOR_TIMEOUT for each mutant (s)")
    ap.add_argument("--only", type=int, nargs="*", default=None, help="replay these mutant indices")
    ap.add_argument("--report", type=Path, default=ROOT / "out" / "fuzz")
    args = ap.parse_args(argv)
    seeds = _seed_pdfs()
    indices = args.only if args.only else list(range(args.count))
    args.report.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="extractor-fuzz-"))
    t0 = time.monotonic()
    outcomes: list[Outcome] = []
    log = (args.report / "outcomes.jsonl").open("w", encoding="utf-8")  # as they come: a run cut short keeps them
    try:
        with ThreadPoolExecutor(args.jobs) as pool:
            futures = [pool.submit(_run_safely, i, args.seed, seeds, work, args.timeout) for i in indices]
            for n, f in enumerate(as_completed(futures), 1):
                o = f.result()
                outcomes.append(o)
                log.write(json.dumps(asdict(o), ensure_ascii=False) + "\n")
                log.flush()
                if o.outcome in DEFECTS:
                    print(
                        f"[{n}/{len(futures)}] DEFECT {o.outcome} #{o.index} {o.kind}: {o.stderr.strip()[-200:]}",
                        flush=True,
                    )
                elif n % 50 == 0:
                    print(f"[{n}/{len(futures)}] {Counter(x.outcome for x in outcomes)}", flush=True)
    finally:
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    return _report(outcomes, args, time.monotonic() - t0)


def _report(outcomes: list[Outcome], args: argparse.Namespace, seconds: float) -> int:
    by_outcome = Counter(o.outcome for o in outcomes)
    defects = [o for o in outcomes if o.outcome in DEFECTS]
    worst_rss = max(outcomes, key=lambda o: o.peak_mb)
    slowest = max(outcomes, key=lambda o: o.seconds)
    summary = {
        "mutants": len(outcomes),
        "seed": args.seed,
        "timeout_s": args.timeout,
        "seconds": round(seconds, 1),
        "outcomes": dict(by_outcome),
        "defects": len(defects),
        "peak_rss_mb": worst_rss.peak_mb,
        "peak_rss_mutant": f"#{worst_rss.index} {worst_rss.kind}",
        "slowest_s": slowest.seconds,
        "slowest_mutant": f"#{slowest.index} {slowest.kind}",
        "by_class": {kind: dict(Counter(o.outcome for o in outcomes if o.kind == kind)) for kind in MUTATORS},
    }
    (args.report / "fuzz.json").write_text(
        json.dumps({"summary": summary, "outcomes": [asdict(o) for o in outcomes]}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    lines = [
        f"# fuzz: {len(outcomes)} mutants, seed {args.seed}, EXTRACTOR_TIMEOUT {args.timeout:g} s, {seconds:.0f} s",
        "",
        "| class | " + " | ".join(["ok", "partial", "refused", *DEFECTS]) + " | peak RSS MB | slowest s |",
        "|---|" + "---|" * (3 + len(DEFECTS) + 2),
    ]
    for kind in MUTATORS:
        mine = [o for o in outcomes if o.kind == kind]
        if not mine:
            continue
        c = Counter(o.outcome for o in mine)
        cells = [str(c.get(k, 0)) for k in ["ok", "partial", "refused", *DEFECTS]]
        lines.append(
            f"| {kind} | "
            + " | ".join(cells)
            + f" | {max(o.peak_mb for o in mine):.0f} | {max(o.seconds for o in mine):.1f} |"
        )
    lines += ["", f"defects: {len(defects)}; peak RSS {worst_rss.peak_mb:.0f} MB ({summary['peak_rss_mutant']})"]
    lines += [f"- #{o.index} {o.kind} {o.outcome} (exit {o.code}): {o.stderr.strip()[-300:]}" for o in defects]
    (args.report / "fuzz.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 1 if defects else 0


if __name__ == "__main__":
    sys.exit(main())
