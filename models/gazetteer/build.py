"""Compile the project's gazetteer from the third-party sources in `../shared/gazetteer`.

    .venv/bin/python models/gazetteer/build.py [SOURCE_DIR]      # default: ../shared/gazetteer

Writes, beside this script:
- `divisions.tsv`: one row per (code, name, parent) with the years it was in use, the
  code(s) a retired division became, and short forms;
- `MANIFEST.md`: which source files and years were read (with their sha256), and row counts;
- `licenses/`: the sources' licence files.

Run it again only when the sources change; the extractor reads the compiled files and
never the sources. `departments.csv` beside it is curated by hand and not built here.

Columns of divisions.tsv (tab-separated, UTF-8, header row):
  code      6 digits (province, prefecture, county; GB/T 2260) or 9 (township, street)
  name      the official name in that period
  level     1 province, 2 prefecture, 3 county, 4 township/street, 5 development zone
            (a statistical pseudo-county such as 高新区: recognised, not a GB/T 2260 division)
  parent    the code of the division it belongs to (empty for provinces)
  start     first year in use (1981 = in use in 1981 or before)
  end       last year in use (empty: still in use)
  successor the code(s) it became when retired, ';'-separated
  short     short forms (涪城, 阿坝州), ';'-separated
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
LAST_EDITION = 2023  # newest statistical edition in the sources
STAT_YEARS = range(2016, LAST_EDITION + 1)
LEVELS = {"省级": 1, "地级": 2, "县级": 3}
_SUFFIXES = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "新区",
    "省",
    "市",
    "盟",
    "州",
    "县",
    "区",
    "旗",
)


@dataclass
class Row:
    code: str
    name: str
    level: int
    parent: str
    start: int
    end: int | None
    successor: set[str] = field(default_factory=set)
    short: set[str] = field(default_factory=set)


def main(argv: list[str]) -> int:
    src = Path(argv[0]) if argv else HERE.parents[2] / "shared" / "gazetteer"
    if not (src / "yescallop-areacodes" / "result.csv").exists():
        sys.exit(f"not a gazetteer source folder: {src}")
    rows: dict[tuple[str, str, str], Row] = {}
    read: list[tuple[Path, str]] = []

    _county_history(src / "yescallop-areacodes" / "result.csv", rows)
    read.append((src / "yescallop-areacodes" / "result.csv", "1981–2024, province/prefecture/county, all of China"))
    for year in STAT_YEARS:
        _statistical_edition(src / "modood" / str(year), year, rows)
        read += [(src / "modood" / str(year) / f"{f}.csv", f"{year} edition") for f in ("cities", "areas")]
    _townships(src / "derived" / "sichuan_townships_2016_2023.csv", rows)
    read.append((src / "derived" / "sichuan_townships_2016_2023.csv", "2016–2023, Sichuan townships and streets"))
    merged = _township_successors(src / "yescallop-areacodes" / "sub-county-diff.xlsx", rows)
    read.append((src / "yescallop-areacodes" / "sub-county-diff.xlsx", "2014–2023 sheets, Sichuan rows only"))
    _short_names(src / "xiangyuecn" / "ok_data_level3.csv", rows)
    read.append((src / "xiangyuecn" / "ok_data_level3.csv", "short names (涪城) of province/prefecture/county"))
    codes = {r.code for r in rows.values()}
    for row in rows.values():
        if row.parent and row.parent not in codes:  # 北京市's districts: no 市辖区 row between
            row.parent = row.code[:2] + "0000"
    for row in rows.values():
        row.short |= generated_short_forms(row.name, row.level) if row.level < 5 else set()
        row.short.discard(row.name)

    out = sorted(rows.values(), key=lambda r: (r.code, r.start, r.name))
    with (HERE / "divisions.tsv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "name", "level", "parent", "start", "end", "successor", "short"])
        for r in out:
            w.writerow(
                [
                    r.code,
                    r.name,
                    r.level,
                    r.parent,
                    r.start,
                    r.end or "",
                    ";".join(sorted(r.successor)),
                    ";".join(sorted(r.short)),
                ]
            )
    lic = HERE / "licenses"
    lic.mkdir(exist_ok=True)
    for folder in ("modood", "yescallop-areacodes", "xiangyuecn"):
        shutil.copy(src / folder / "LICENSE", lic / f"{folder}.LICENSE")
    _manifest(read, out, merged)
    print(f"wrote {len(out)} rows to {HERE / 'divisions.tsv'}")
    return 0


def _county_history(path: Path, rows: dict[tuple[str, str, str], Row]) -> None:
    """yescallop: every code used 1981–2024 at county level and above, with years and successors."""
    with path.open(encoding="utf-8-sig") as f:
        for rec in csv.DictReader(f):
            code, name, level = rec["代码"], rec["名称"], LEVELS[rec["级别"]]
            start = int(rec["启用时间"])
            end = int(rec["变更/弃用时间"]) if rec["变更/弃用时间"] else None
            row = _add(rows, code, name, level, _parent_of(code, level), start, end)
            if rec["状态"] == "弃用" and rec["新代码"]:
                row.successor |= {c for c in rec["新代码"].split(";") if c and c != code}


def _statistical_edition(folder: Path, year: int, rows: dict[tuple[str, str, str], Row]) -> None:
    """A year's statistical edition: adds development zones and confirms the year a name was in use."""
    known = {r.code for r in rows.values() if r.level < 4 and r.start < STAT_YEARS[0]}  # from the history
    with (folder / "areas.csv").open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            code, name = rec["code"], rec["name"]
            if name == "市辖区" or code in known:
                continue
            level = 5 if code[4] == "7" else 3  # NN NN 7x: economic/high-tech zones in the statistical code
            _add(rows, code, name, level, _parent_of(code, 3), year, year)
    with (folder / "cities.csv").open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            code, name = rec["code"] + "00", rec["name"]
            if name not in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划") and code not in known:
                _add(rows, code, name, 2, code[:2] + "0000", year, year)


def _townships(path: Path, rows: dict[tuple[str, str, str], Row]) -> None:
    with path.open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            last = int(rec["last_year"])
            _add(
                rows,
                rec["code"],
                rec["name"],
                4,
                rec["areaCode"],
                int(rec["first_year"]),
                None if last >= LAST_EDITION else last,
            )


def _township_successors(path: Path, rows: dict[tuple[str, str, str], Row]) -> int:
    """The civil-affairs lists of township changes: a merged township's code → the code it joined."""
    by_code: dict[str, list[Row]] = defaultdict(list)
    for r in rows.values():
        if r.level == 4:
            by_code[r.code].append(r)
    n = 0
    book = openpyxl.load_workbook(path, read_only=True)
    for sheet in book.worksheets:
        for rec in sheet.iter_rows(values_only=True):
            if not rec or len(rec) < 7:
                continue
            old, new = str(rec[2] or ""), str(rec[5] or "")
            if old.startswith("51") and len(old) == 9 and len(new) == 9 and old != new:
                for r in by_code.get(old, []):
                    if r.end is not None:
                        r.successor.add(new)
                        n += 1
    return n


def _short_names(path: Path, rows: dict[tuple[str, str, str], Row]) -> None:
    """xiangyuecn's short names: 涪城 for 涪城区, 阿坝 for 阿坝藏族羌族自治州."""
    by_name = {(r.code, r.name): r for r in rows.values()}
    with path.open(encoding="utf-8-sig") as f:
        for rec in csv.DictReader(f):
            row = by_name.get((rec["id"].ljust(6, "0"), rec["ext_name"]))
            if row is not None and len(rec["name"]) >= 2:
                row.short.add(rec["name"])


def generated_short_forms(name: str, level: int) -> set[str]:
    """Short forms people write: 阿坝州 / 阿坝 for 阿坝藏族羌族自治州, 北川县 for 北川羌族自治县,
    涪城 for 涪城区; 2-character names (理县, 高县) have no short form."""
    out: set[str] = set()
    if level == 4:
        for suffix in ("街道办事处", "街道", "镇", "乡"):
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                stem = name[: -len(suffix)]
                out.add(stem)
                if suffix == "街道":
                    out.add(stem + "街道办事处")
                    out.add(stem + "街办")
                if suffix == "街道办事处":
                    out.add(stem + "街道")
        return out
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            if suffix in ("自治州", "自治县"):
                base = _strip_nationalities(stem)
                out |= {base, base + suffix[-1]}
            elif suffix in ("自治区", "维吾尔自治区", "壮族自治区", "回族自治区"):
                out.add(_strip_nationalities(stem))
            elif suffix != "新区":
                out.add(stem)
            break
    return {s for s in out if len(s) >= 2}


_NATIONALITIES = (
    "藏族",
    "羌族",
    "彝族",
    "土家族",
    "苗族",
    "回族",
    "蒙古族",
    "傈僳族",
    "纳西族",
    "白族",
    "哈尼族",
    "傣族",
    "布依族",
    "侗族",
    "瑶族",
    "壮族",
    "黎族",
    "仫佬族",
    "毛南族",
    "仡佬族",
    "水族",
    "满族",
    "朝鲜族",
    "达斡尔族",
    "鄂温克族",
    "鄂伦春族",
    "锡伯族",
    "哈萨克族",
    "柯尔克孜族",
    "塔吉克族",
    "撒拉族",
    "保安族",
    "东乡族",
    "裕固族",
    "土族",
    "景颇族",
    "拉祜族",
    "佤族",
    "普米族",
    "怒族",
    "独龙族",
    "德昂族",
    "阿昌族",
    "布朗族",
    "基诺族",
    "各族",
    "畲族",
    "维吾尔族",
    "京族",
)


def _strip_nationalities(stem: str) -> str:
    changed = True
    while changed:
        changed = False
        for nat in _NATIONALITIES:
            if stem.endswith(nat) and len(stem) - len(nat) >= 2:
                stem, changed = stem[: -len(nat)], True
    return stem


def _parent_of(code: str, level: int) -> str:
    if level == 1:
        return ""
    if level == 2:
        return code[:2] + "0000"
    if level == 3:
        return code[:4] + "00" if code[2:4] != "90" else code[:2] + "0000"
    return code[:6]


def _add(
    rows: dict[tuple[str, str, str], Row], code: str, name: str, level: int, parent: str, start: int, end: int | None
) -> Row:
    key = (code, name, parent)
    row = rows.get(key)
    if row is None:
        row = rows[key] = Row(code, name, level, parent, start, end)
    else:
        row.start = min(row.start, start)
        row.end = None if row.end is None or end is None else max(row.end, end)
    return row


def _manifest(read: list[tuple[Path, str]], out: list[Row], merged: int) -> None:
    counts: dict[int, int] = defaultdict(int)
    for r in out:
        counts[r.level] += 1
    lines = [
        "# Compiled gazetteer",
        "",
        "Built by `build.py` (run `.venv/bin/python models/gazetteer/build.py ../shared/gazetteer`) from the",
        "third-party sources the project owners placed in `../shared/gazetteer`. The extractor reads only the",
        "files here. Licences of the sources are in `licenses/`. `departments.csv` is curated by hand (see its",
        "section below).",
        "",
        "## Sources read",
        "",
        "| file | what was taken | sha256 |",
        "|---|---|---|",
    ]
    for path, what in read:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        rel = path.relative_to(path.parents[2]) if "modood" in path.parts else path.relative_to(path.parents[1])
        lines.append(f"| `{rel}` | {what} | `{digest}…` |")
    names = {
        1: "provinces",
        2: "prefectures",
        3: "counties",
        4: "townships and streets (Sichuan)",
        5: "development zones (statistical pseudo-counties)",
    }
    lines += ["", "## divisions.tsv", "", "| level | rows (code, name, parent, years) |", "|---|---|"]
    lines += [f"| {lvl} {names[lvl]} | {counts[lvl]} |" for lvl in sorted(counts)]
    lines += [
        "",
        f"Retired Sichuan townships given a successor from the civil-affairs change lists: {merged}.",
        "Years: county level and above 1981–2024 (yescallop), statistical editions 2016–2023 (modood);",
        "a row's `end` is empty while the division is in use in the newest edition.",
        "",
        "## departments.csv",
        "",
        "Standard names of county and prefecture departments before and after the 2018–2019 institutional",
        "reform, with their short forms. Started from `department_aliases_seed.csv` (shared, unverified),",
        "checked and extended from the reference bulletins and general knowledge of Sichuan local",
        "government; curated by hand, not built by this script.",
    ]
    (HERE / "MANIFEST.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
