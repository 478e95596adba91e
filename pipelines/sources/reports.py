"""Reading reports from a seeds folder: text, sha256 and metadata (from a sidecar or inferred)."""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from pipelines import catalog
from pipelines.extraction import context
from pipelines.extraction.extract import (
    covered_year,
    covers_several_years,
    head_lines,
    infer_agency,
    infer_report_year,
    stated_data_year,
    straddles_two_years,
)
from pipelines.reading import normalize, structure
from pipelines.sources.sidecar import SIDECAR_KEYS, sidecar_fields

# A report larger than this is refused before it is read: the largest progress report seen is a few MB,
# and extraction, its text in the warehouse and the release copy all hold a report in memory at once.
MAX_REPORT_BYTES = 50_000_000


class ReportError(ValueError):
    """A report that cannot be read; the message names the file and the reason."""


@dataclass(frozen=True)
class Report:
    report_id: str
    file_name: str
    sha256: str
    text: str
    title: str | None
    publisher: str | None
    published: str | None  # ISO date
    url: str | None
    language: str
    report_year: int | None
    agency_id: str
    region_code: str = "CN"
    warnings: tuple[str, ...] = ()  # sidecar fields that were ignored, and why

    def row(self) -> dict:
        return {
            "report_id": self.report_id,
            "file_name": self.file_name,
            "sha256": self.sha256,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published,
            "url": self.url,
            "report_year": self.report_year,
            "language": self.language,
            "agency_id": self.agency_id,
            "region_code": self.region_code,
            "n_chars": len(self.text),
        }


def report_files(seeds_dir: Path) -> list[Path]:
    """Report files of a seeds folder, in name order: regular files ending in .txt that stay inside the
    folder (a symlink that leads out of it is never read; see `rejected_files`)."""
    return sorted(p for p in Path(seeds_dir).glob("*.txt") if _rejection(p, Path(seeds_dir)) is None)


def rejected_files(seeds_dir: Path) -> list[str]:
    """One message per entry of the seeds folder that looks like a report but is not read, and why."""
    return [
        f"{p.name}: {reason}"
        for p in sorted(Path(seeds_dir).glob("*.txt"))
        if (reason := _rejection(p, Path(seeds_dir))) is not None
    ]


def readable_inside(path: Path, seeds_dir: Path) -> bool:
    return _rejection(path, seeds_dir) is None


def _rejection(path: Path, seeds_dir: Path) -> str | None:
    if path.is_symlink() and not path.resolve().is_relative_to(seeds_dir.resolve()):
        return "a symlink that leads out of the seeds folder; not read"
    if not path.is_file():
        return "not a regular file (a folder or a device); not read"
    return None


def decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise ReportError(f"{path.name}: empty report")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReportError(f"{path.name}: UTF-16 text, not UTF-8 (save it as UTF-8)")
    if b"\x00" in data[:8192]:
        raise ReportError(f"{path.name}: binary content (NUL bytes), not a text report")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ReportError(f"{path.name}: not valid UTF-8 (byte {e.start}: {e.reason})") from None
    if not text.strip():
        raise ReportError(f"{path.name}: only whitespace, no text")
    return text  # offsets index this text exactly as decoded: no BOM stripping, no normalization


class _DatesAsText(yaml.SafeLoader):
    """The safe loader, with dates left as text: the sidecar schema judges them (a bad date such as
    2021-13-01 would otherwise fail the whole file)."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_sidecar(path: Path) -> tuple[dict, list[str]]:
    """The sidecar's fields that pass their schema (sidecar.py), and one warning per field that does not
    or key that is unknown: a bad field is inferred from the text instead; the report still flows."""
    sidecar = path.with_suffix(".meta.yaml")
    if not sidecar.exists() and not sidecar.is_symlink():
        return {}, []
    if _rejection(sidecar, path.parent) is not None:
        return {}, [f"{sidecar.name}: {_rejection(sidecar, path.parent)}; fields inferred from the text"]
    try:
        meta = yaml.load(sidecar.read_text(encoding="utf-8"), Loader=_DatesAsText)  # noqa: S506 (safe loader)
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as e:
        lines = _plain_lines(sidecar) if isinstance(e, yaml.YAMLError) else None
        if lines is not None:
            # "title: Statistics (2024): an annex" is no YAML, but what it says is plain
            fields, warnings = sidecar_fields(sidecar.name, lines)
            note = f"{sidecar.name}: not YAML ({e.__class__.__name__}), read as one 'key: value' a line"
            return fields, [f"{note}; quote a value that holds ': '", *warnings]
        return {}, [
            f"{sidecar.name}: unreadable sidecar ({e.__class__.__name__}); fields inferred from the text"
        ]
    if meta is None:
        return {}, []
    if not isinstance(meta, dict):
        return {}, [
            f"{sidecar.name}: a sidecar is a mapping of {', '.join(SIDECAR_KEYS)}; fields inferred from the text"
        ]
    return sidecar_fields(sidecar.name, meta)


_PLAIN_LINE = re.compile(r"(?P<key>[a-z_]+):[ \t]+(?P<value>[^\s\[{\"'|>&*!%@`#].*?)\s*")


def _plain_lines(sidecar: Path) -> dict | None:
    """A sidecar that YAML cannot read because a value holds ': ', as one `key: value` of a known key a
    line; None unless every line is one (a broken bracket or quote stays unreadable)."""
    fields = {}
    for line in sidecar.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _PLAIN_LINE.fullmatch(line)
        if not m or m["key"] not in SIDECAR_KEYS or m["key"] in fields:
            return None
        fields[m["key"]] = m["value"]
    return fields or None


def language_of(text: str) -> str:
    cjk = len(re.findall(r"[\u3400-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if cjk and latin:
        return "zh" if cjk > latin / 4 else "en"  # a Chinese character carries about four letters' worth
    return "zh" if cjk else "en"


# the mainland as a Taiwan text names it, and Taiwan as it names itself (in the simplified view)
_MAINLAND = re.compile(r"中国大陆|大陆(?!架|性)|陆方|对岸")
_TAIWAN_OWN = re.compile(r"台湾|臺灣|我国|国内|本岛")


def report_region(title: str | None, publisher: str | None = None, text: str = "") -> str:
    """The province a report is about, when its title names exactly one, or, when the title names none,
    its publisher does (a provincial bureau), or the subtitle under the title; else the province whose body
    hosts the web page it was taken from (主办单位：四川省能源局, in the footer); else Taiwan when the report is
    dated in Taiwan's calendar (发布日期：113年4月9日); else the region its own words name (本港); else the
    province a reporter filed from; else CN. A title about one province from an outlet named after another
    place ("經濟日報（台灣）") is about the title's. (Read in the normalized view: 廣東省 is 广东省.)"""
    # (the text's own title, when a sidecar gave another: "GUANGDONG POWER EXCHANGE CENTER … Report No." atop
    # a report the sidecar calls "Monthly Market Report, November 2024")
    own_title = structure.title(text) if text else None
    own_title = (
        None if own_title and _COMPANY_NAME.search(own_title) else own_title
    )  # (a company works anywhere)
    if own_title and _opens_with_dateline(own_title):
        own_title = None  # "Beijing, January 17, 2025 — China's …": where a story was filed, not its subject
    for heading in (
        None if title and (_opens_with_dateline(title) or _company_beyond_its_province(title)) else title,
        publisher if publisher and _government_body(publisher) else None,
        # (a site's publisher with its place in brackets: "Thaiwoo Ski Resort (Chongli, Zhangjiakou)")
        _bracketed_place(publisher or ""),
        _subtitle(text),
        own_title if own_title != title else None,
    ):
        codes = _provinces(heading or "")
        if codes:
            return codes.pop() if len(codes) == 1 else "CN"
    if title and _names_national_company(title):
        return "CN"  # a Hong Kong paper's story on 国家电投's results is the company's, not Hong Kong's
    abroad = _abroad(title or "") or next(
        (found for line in _head_headings(text, title) if (found := _abroad(line))), None
    )
    if abroad:
        return abroad  # "ESG Report (Extract) — Weda Bay Nickel Project, Indonesia": a project abroad
    # (the body's first lines, when short enough to be its title and subtitles: "山西电力交易中心" / "电力市场交易信息月报")
    head = [line for line in head_lines(text)[:3] if len(line) <= 60]
    campus = bool(_CAMPUS.search(normalize.view(" ".join([title or "", publisher or "", *head])).text))
    for heading in (title, publisher, *head):
        local = _local_institution(heading or "", campus) or _site_named_after_its_county(heading or "")
        if local:
            return local  # "宁波舟山港绿色港口发展报告", "Zhejiang University Campus Carbon Report": the site's own
    for line in head_lines(text)[:4]:
        bracketed = _BRACKETED_PROVINCE.search(line)
        if bracketed and (code := _one_province(bracketed.group(), 0, len(bracketed.group()), True)):
            return code  # "Kangbao-Caofeidian Pure Hydrogen Transmission Pipeline (Hebei Province)": its site
    view = normalize.view(text).text if text else ""
    venue = _venue(title, view)
    if venue:
        return venue  # a fair's press kit: its figures are the fair's, held where its venue line says
    host = _page_host(view)
    if host:
        return host
    if view and context.uses_roc_calendar(view):
        # (a Taiwan outlet's digest of the mainland's figures speaks of the mainland more than of Taiwan)
        mainland, own = len(_MAINLAND.findall(view)), len(_TAIWAN_OWN.findall(view))
        return "CN" if mainland >= 3 and mainland > own else "CN-TW"
    own = {r["code"] for r in catalog.regions() for w in r.get("own_place_words") or [] if w in view}
    if len(own) == 1:
        return own.pop()  # 本港, 全港: a report of Hong Kong
    national = _NATIONAL_AGENCY.search(" ".join([publisher or "", *head_lines(view)[:3]]))
    return (
        _byline_place(view)
        or _source_body(view)
        or _site_place(view)
        or _scope_place(view)
        or _city_service(view)
        or (None if national else _sole_province(view))
        or _numbered_by_a_province(view)
        or "CN"
    )


def _numbered_by_a_province(view: str) -> str | None:
    """The province whose one-character abbreviation opens the document number near a notice's top
    (浙发改能源〔2024〕12号), when the notice speaks of its own province or city (我省, 全省, 本市): a provincial
    body's notice that names its province no other way."""
    head = view[:600]
    number = _DOCUMENT_NUMBER.search(head)
    if number is None or not _OWN_PLACE_WORDS.search(view):
        return None
    return _province_abbreviations().get(number.group(1))


# a document's number on a line of its own: an abbreviation, the issuer's short name, the year in brackets, a
# serial and 号
_DOCUMENT_NUMBER = re.compile(
    r"^[ \t\u3000]*([\u4e00-\u9fff])[\u4e00-\u9fff]{1,7}\s*[〔\[［(（]\s*(?:19|20)\d\d\s*[〕\]］)）]\s*\d{1,4}\s*号",
    re.MULTILINE,
)
_OWN_PLACE_WORDS = re.compile(r"我省|全省|本省|我区|全区|本区|我市|全市|本市")


@cache
def _province_abbreviations() -> dict[str, str]:
    return {a: r["code"] for r in catalog.regions() for a in r.get("abbreviations") or []}


# where a single site says it stands, among a text's first lines: 该单位位于广西壮族自治区钦州市, 厂址：…, "The
# plant is located in Qinzhou, Guangxi", "Project site: Hulunbuir, Inner Mongolia" (not an address line, which
# is as often where the publisher or an agent is reached)
_SITE_STATEMENT = re.compile(
    r"(?:该|本)(?:单位|企业|项目|工厂|电厂|电站|园区|厂区|基地|矿井|煤矿)[^。\n]{0,8}?(?:位于|坐落于|地处|建于)"
    # ... and a sentence that opens with the company it is about (not its head office: 公司总部位于北京)
    r"|(?:^|(?<=[。\n]))[ \t\u3000]*(?:本|该|我)?(?:公司|企业|工厂|电厂|厂区|基地)(?:地处|位于|坐落于)"
    r"|^\s*(?:厂址|项目地点|项目地址|项目所在地|所在地区?|所属地区|建设地点)\s*[:：\t]"
    # ... and where a product was made: "制造商 Manufacturer: …（Ningde, Fujian, CN）", 产地：
    r"|^\s*(?:制造商|生产商|生产企业|生产地|产地|制造地)\s*(?i:manufacturer|place\s+of\s+manufacture)?\s*[:：]"
    r"|^\s*(?i:manufacturer|manufacturing\s+site|production\s+site|place\s+of\s+manufacture)\s*[:：]"
    r"|(?i:\b(?:the|this|our|its|one|a\s+single|the\s+only)\s+(?:plant|project|site|facility|station|mine|park|factory"
    r"|mill|terminal|base),?\s+(?:is\s+|was\s+)?(?:located|situated|sited|based)\s+(?:in|at)\b"
    r"|^\s*(?:project\s+site|site|plant\s+location)\s*:)"
    # ... a form's location field, after its number and before dotted leaders ("A.3 Location ....... Guazhou
    # County, Jiuquan City, Gansu Province"), and a company with its place in brackets after its name
    # ("Huaihai Cement Co., Ltd. (Huaibei, Anhui)", 淮海水泥有限公司（安徽淮北）)
    r"|^\s*(?:(?:[A-Z]\.?)?\d+(?:\.\d+)*\.?\s+)?(?i:(?:project\s+|site\s+)?location)\s*(?:[.…·]{2,}|[:：])"
    r"|(?i:\b(?:co\.,?\s*ltd\.?|company|corporation|group))\s*(?=[(（][^()（）\d]{2,40}[)）])|有限公司(?=（)",
    re.MULTILINE,
)


def _site_place(view: str) -> str | None:
    """The one province the site statement near a text's top names (the rest of its line or sentence)."""
    for m in _SITE_STATEMENT.finditer(view, 0, min(len(view), 2000)):
        end = min(len(view), m.end() + 60)
        stop = re.compile(r"[。\n;；]").search(view, m.end(), end)
        found = _one_province(view, m.end(), stop.start() if stop else end)
        if found:
            return found
    return None


# a note that says where all of a report's figures are from: "Note: figures cover the company's network in
# Guangdong province", 注：数据范围为江西省内全部站点 (the place within a few words of the scope's word)
_SCOPE_NOTE = re.compile(
    r"^\s*(?:(?i:notes?|scope|coverage|data\s+scope)\s*[:：]|(?:注|说明|备注|统计范围|数据范围|统计口径)\s*[:：]"
    # ... or a line in brackets on what the figures cover: （本简报数据涵盖中电于香港之供电业务，…）
    r"|[（(]\s*(?=(?:本|the\s+|these\s+|this\s+)?[\w\s]{0,12}?(?:数据|资料|(?i:figures|data))))",
    re.MULTILINE,
)
# what a scope note leaves out names other places: "…，不包括中电集团于内地、印度及澳洲的业务"
_SCOPE_EXCLUDES = re.compile(r"不包括|不含|除外|(?i:\b(?:excluding|excludes|exclude|except|but\s+not)\b)")
_SCOPE_WORD = re.compile(
    r"(?i:\bcover|\ball\b|\bonly\b|\bwithin\b|\boperat|\bnetwork|\brefer)|范围|均为|仅|全部|覆盖|涵盖|均指"
)


def _scope_place(view: str) -> str | None:
    """The one province a note on the scope of a report's figures names, in a note that names no other
    place and nothing national."""
    for m in _SCOPE_NOTE.finditer(view):
        end = view.find("\n", m.end())
        end = len(view) if end == -1 else end
        excluded = _SCOPE_EXCLUDES.search(view, m.end(), end)
        end = excluded.start() if excluded else end
        scope = _SCOPE_WORD.search(view, m.end(), min(end, m.end() + 120))
        if scope is None or any(code == "CN" for _s, _e, code in context.place_mentions(view, m.end(), end)):
            continue
        found = _one_province(view, m.end(), end, separate_systems=True)
        if found and _one_province(view, scope.start(), min(end, scope.end() + 60), True) == found:
            return found
    return None


def _bracketed_place(name: str) -> str | None:
    """The places in brackets that close a name ("Thaiwoo Ski Resort (Chongli, Zhangjiakou)"), or None."""
    bracketed = _BRACKETED_PROVINCE.search(name.strip())
    return bracketed.group() if bracketed else None


def _one_province(text: str, start: int, end: int, separate_systems: bool = False) -> str | None:
    """The mainland province every place named in text[start:end] lies in, when there is exactly one (or
    Hong Kong, Macao or Taiwan, with `separate_systems`)."""
    codes = {
        code
        for _s, _e, code in context.place_mentions(text, start, end)
        if context.mainland_province(code) or (separate_systems and code in context.SEPARATE_SYSTEMS)
    }
    return codes.pop() if len(codes) == 1 else None


# a city's own transit, water or heating company reports on that city: "XI'AN METRO CO., LTD.", 西安地铁集团
_CITY_SERVICE = re.compile(
    r"(?i:\b([A-Z][A-Za-z'’-]+(?:\s[A-Z][A-Za-z'’-]+)?)\s+(?:metro|subway|rail\s+transit|bus|public\s+transport|"
    r"water(?:\s+supply)?|heating)\s+(?:co\.|company|corporation|group|ltd\.?|limited)(?![A-Za-z]))"
    r"|([\u4e00-\u9fff]{2,4}?)(?:地铁|轨道交通|公交|水务|热力|供热)(?:集团|有限|股份|公司|运营)"
)


def _city_service(view: str) -> str | None:
    lines = view.splitlines()
    for line in [*lines[:8], *lines[-3:]]:
        for m in _CITY_SERVICE.finditer(line):
            name = m.group(1) or m.group(2)
            name = " ".join(w[:1] + w[1:].lower() for w in name.split())  # (XI'AN METRO: Xi'an)
            found = _one_province(name, 0, len(name))
            if found:
                return found
    return None


# a national body that publishes or speaks in a text's first lines ("The National Energy Administration
# summarized the progress as follows."): a province it names in passing is not the text's place
_NATIONAL_AGENCY = re.compile(
    r"国家[\u4e00-\u9fff]{1,8}?(?:局|委员会|委|部)|国务院|"
    r"(?i:\bnational\s+[a-z ]{2,40}?(?:administration|commission|bureau)\b|\bstate\s+council\b|\bministry\s+of\b)"
)


# the line that names who compiled a text's figures: "资料来源：江苏省统计局", "Source: Guangdong Provincial
# Bureau of Statistics, January 2025", "Prepared by: …"
_SOURCE_LINE = re.compile(
    r"^\s*(?:资料来源|数据来源|信息来源|来源|发布单位|发布机构|报送单位|编制单位|"
    r"(?i:sources?|data\s+sources?|prepared\s+by|issued\s+by|published\s+by|compiled\s+by))\s*[:：]\s*(.+)$"
)
_NATIONAL_BODY = re.compile(r"国家|国务院|中国|全国|(?i:\bnational\b|\bchina\b|\bstate\s+council\b)")


def _source_body(view: str) -> str | None:
    """The province of the one provincial body a source line among a text's first or last lines names
    (not when it names a national body too)."""
    lines = view.splitlines()
    for line in lines[:8] + lines[-8:]:
        m = _SOURCE_LINE.match(line)
        if m and _government_body(m.group(1)) and not _NATIONAL_BODY.search(m.group(1)):
            codes = _provinces(m.group(1))
            if len(codes) == 1:
                return codes.pop()
    return None


def _sole_province(view: str) -> str | None:
    """The one province every place a text names lies in (沂水县 and 山东省; "Chengdu, Mianyang and
    Deyang"), when it names no other place and not the country as a whole (中国, 全国, China): a report on a
    project, a county or a city that says where it is only in passing."""
    head = head_lines(view)[:3]
    if any(_COMPANY.search(line) for line in head) or (head and _NATIONAL_BODY.search(head[0])):
        return None  # a company's or an exchange's report speaks of it, wherever it names itself; a
        # national one of the country ("National progress of the Ten Actions")
    if len(_THE_COMPANY.findall(view)) >= 3:
        return None  # a company that speaks of itself throughout ("the Company", 本公司) has its sites in a
        # province it names, and its own figures are of all of them
    codes = {
        code
        for start, end, code in context.place_mentions(view, 0, len(view))
        if not structure.is_dateline(_line_at(view, start))  # ("Released in Beijing, May 2024")
        and not (
            code == "CN" and _AGAINST_THE_COUNTRY.search(view, max(0, start - 3), min(len(view), end + 3))
        )
    }
    code = codes.pop() if len(codes) == 1 else None
    return code if code is not None and context.mainland_province(code) else None


_THE_COMPANY = re.compile(r"\b[Tt]he (?:Company|Group|Issuer)\b|本公司|我公司|本集团|我集团|发行人")


# the country as what a province is measured against (高于全国平均水平, 居全国前列, 占全国的6%)
_AGAINST_THE_COUNTRY = re.compile(r"(?:占|居|于|比|较|列)全国|全国(?:平均|水平|第|前列|首|领先|同类)")
_COMPANY = re.compile(
    r"(?i:\b(?:co\.|company|corporation|corp\.|group|holdings|ltd\.?|limited|inc\.|plc|exchange)(?![A-Za-z]))"
    r"|公司|集团|股份|交易所"
)


def _line_at(view: str, at: int) -> str:
    end = view.find("\n", at)
    return view[view.rfind("\n", 0, at) + 1 : end if end != -1 else len(view)].strip()


# a fair, an expo or a conference, and the line that says where it is held ("Venue 地点: … (Shanghai)")
_FAIR = re.compile(r"(?i:\bexhibition\b|\bexpo\b|\bfair\b|\bconference\b)|展览会|博览会|展会|大会")
_VENUE_FIELD = re.compile(
    r"(?i:\bvenue\b|\blocation\b)[^:：\n]{0,6}[:：]|(?:举办)?地点\s*[:：]|举办地\s*[:：]"
)


def _venue(title: str | None, view: str) -> str | None:
    """The province a fair's own report is held in, from the venue line among its first lines."""
    head = "\n".join(view.splitlines()[:6])
    if not _FAIR.search(normalize.view(title or "").text + head):
        return None
    field = _VENUE_FIELD.search(head)
    if field is None:
        return None
    line_end = head.find("\n", field.end())
    codes = _provinces(head[field.end() : line_end if line_end != -1 else len(head)])
    return codes.pop() if len(codes) == 1 else None


@cache
def _national_company_names() -> re.Pattern:
    names = sorted(
        (n for r in catalog.regions() for n in r.get("national_companies") or []), key=len, reverse=True
    )
    return re.compile("|".join(rf"(?<![A-Za-z]){re.escape(n)}(?![A-Za-z])" for n in names))


# the places in brackets that close a heading line, when they lie in one province: "… Transmission Pipeline
# (Hebei Province)", （河北省）, "… WIND FARM PHASE II (Qahar Right Wing Middle Banner, Ulanqab)"
_BRACKETED_PROVINCE = re.compile(r"[(（][^()（）\d]{2,60}[)）]\s*$")


# the end of a company's name: "XINJIANG GOLDWIND SCIENCE & TECHNOLOGY CO., LTD.", 新疆金风科技股份有限公司
_COMPANY_NAME = re.compile(
    r"(?i:\b(?:co\.?,?\s*ltd|company|corporation|corp\.?|limited|inc\.?|group|holdings?|plc)\b)"
    r"|有限公司|股份公司|集团|控股"
)


def _company_beyond_its_province(title: str) -> bool:
    """A title that names a company, not a provincial body of the state ("Anhui Conch Cement Company Limited
    2024 ESG Report"): a company named after its home province works anywhere. A provincial group
    (浙江省能源集团, "Zhejiang Provincial Energy Group") is the province's own."""
    view = normalize.view(title).text
    if not _COMPANY_NAME.search(view) or _PROVINCIAL_BODY.search(view) or _local_institution(title, False):
        return False  # (… nor is a port, a bus company or a utility: "SHANGHAI INTERNATIONAL PORT (GROUP) CO., LTD.")
    # (a company named after Taiwan, Hong Kong or Macao serves its own region: "TAIWAN POWER COMPANY")
    if _provinces(title) & _SEPARATE_SYSTEMS:
        return False
    # (a company named after a city stands there: "CNOOC Zhejiang Ningbo LNG Co., Ltd. | Beilun, Ningbo")
    mentions = context.region_gazetteer().mentions(view, 0, len(view))
    return bool(mentions) and all(view[a:b].lower() in _province_names() for a, b, _code in mentions)


@cache
def _province_names() -> frozenset[str]:
    """The names a province goes by (Zhejiang, 浙江省, Xinjiang Uygur Autonomous Region), lower case."""
    names = set()
    for r in catalog.regions():
        if r.get("level") == "province" or str(r.get("code", "")).count("-") == 1:
            names |= {
                str(n).lower() for n in [r.get("name_en"), r.get("name_zh"), *(r.get("aliases") or [])] if n
            }
    return frozenset(names)


_SEPARATE_SYSTEMS = frozenset({"CN-TW", "CN-HK", "CN-MO"})


_PROVINCIAL_BODY = re.compile(
    r"(?i:\bprovincial\b)|省[\u4e00-\u9fff]{0,6}(?:集团|公司)|(?:自治区|市)[\u4e00-\u9fff]{0,6}(?:集团|公司)"
)


def _names_national_company(title: str) -> bool:
    return bool(_national_company_names().search(normalize.view(title).text))


# where a reporter filed from, in a byline or a wire dateline near the top: "By ZHOU MIN in Jinzhai,
# Anhui |", "HEFEI, Aug 5 (Xinhua) --", 新华社合肥8月5日电
_FILED_FROM = re.compile(
    r"\bBy\s+[A-Za-z .'-]{2,40}?\s+in\s+(?P<en>[A-Z][\w' ,-]{1,40}?)\s*(?:\||$)"
    r"|^(?P<wire>[A-Z][A-Z' -]{2,30}),\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*\("
    r"|(?:新华社|中新社|中新网|人民网)(?P<zh>[\u4e00-\u9fff]{2,6}?)\d{1,2}月\d{1,2}日"
    # ... and the Central News Agency's （中央社記者曾智怡台北22日電）: the reporter's name, then the place
    r"|中央社(?:记者)?(?P<cna>[\u4e00-\u9fff]{2,10}?)\d{1,2}日电",
    re.MULTILINE,
)


# the body a government web page names as its host in its footer: "主办单位：四川省能源局", "版权所有：…"
_PAGE_HOST = re.compile(
    r"(?:主办单位|主办|承办单位|版权所有|(?i:hosted by|sponsored by))\s*[:：]?\s*"
    r"([\u4e00-\u9fff]{2,24}?(?:局|厅|委员会|政府|办公室|办公厅)|[A-Z][\w ]{3,60}?(?:Bureau|Commission|Government|Department))"
)


def _page_host(view: str) -> str | None:
    """The province of the government body that hosts a scraped web page, named in its footer."""
    found = _PAGE_HOST.search(view, max(0, len(view) - 1200))
    codes = _provinces(found.group(1)) if found else set()
    return codes.pop() if len(codes) == 1 else None


def _byline_place(view: str) -> str | None:
    """The province a reporter filed from, unless national news is written there (Beijing, Shanghai)."""
    found = _FILED_FROM.search(view[:600])
    if found is None:
        return None
    place = next(g for g in found.groups() if g).strip()
    if found.group("wire"):
        place = place.title()  # HEFEI -> Hefei: the gazetteer's names keep their capitals
    codes = _provinces(place)
    code = codes.pop() if len(codes) == 1 else None
    return code if code and code not in _NEWSROOMS else None


def _opens_with_dateline(line: str) -> bool:
    return bool(_OPENS_WITH_DATELINE.match(line) or _FILED_FROM.match(line))


# a line that opens with a story's dateline: a place, a date, perhaps the wire, then a dash
_OPENS_WITH_DATELINE = re.compile(
    rf"\s*[A-Z][A-Za-z .'-]{{1,30}},\s*(?:(?:{structure.MONTHS}|{structure.MONTH_ABBREVIATIONS})\.?\s+\d{{1,2}}"
    rf"|\d{{1,2}}\s+(?:{structure.MONTHS}|{structure.MONTH_ABBREVIATIONS})\.?)(?:,?\s+(?:19|20)\d\d)?\s*"
    r"(?:\([^()]{1,30}\)\s*)?(?:—|–|--|-)"
)
# where agencies file national and market stories from: a dateline there says nothing of the subject
_NEWSROOMS = frozenset({"CN-BJ", "CN-SH", "CN-HK"})


# an institution that stands at one place, named after it: a port, an airport, a city's buses or metro, a
# province's power exchange (a company named after a city may work anywhere; these work where they are; the
# exchanges of the two grids, 北京电力交易中心 and 广州电力交易中心, are national companies in regions.yaml)
_LOCAL_INSTITUTION_AFTER = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:港口|港务|港|机场|公交|巴士|地铁|轨道交通|电力交易中心"
    # (a city's utilities: its heat, water and gas networks, 天津市阳光热力有限公司, "Harbin Heating Group")
    r"|热力|供热|水务|供水|自来水|排水|燃气|环卫)"
    # ... and a province's grid company (国网江苏省电力有限公司, 广东电网), which serves that province alone
    r"|省?(?:电力|电网|供电)(?:有限|有限责任|股份)?公司|省?电网"
    # ... and a province's own group, named as the province's (浙江省能源集团, "Zhejiang Provincial Energy Group")
    r"|(?<=省)[\u4e00-\u9fff]{0,8}?集团|省[\u4e00-\u9fff]{0,8}?集团|\s+Provincial(?:\s+[A-Z][a-z]+){0,3}\s+(?:Group|Holdings?)\b"
    r"|(?:[\s-]+[A-Z][A-Za-z&'-]*){0,3}?[\s-]+(?:Port|Airport|Bus|Buses|Metro|Subway|Heating|Water|Gas)\b"
    r"|\s+(?:Electric\s+Power|Power\s+Grid|Power\s+Supply)\b"
)
# ... and a university, in a report on its own campus (a university's study of the country is not its city's)
_UNIVERSITY_AFTER = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:大学|学院)|(?:[\s-]+[A-Z][A-Za-z&'-]*){0,3}?\s+University\b"
)
_CAMPUS = re.compile(r"校园|校区|(?i:\bcampus)")


def _local_institution(heading: str, campus: bool) -> str | None:
    """The province of a place a heading names an institution of the place by (宁波舟山港, "Shenzhen Bus
    Group", 浙江大学 in a report on its campus): such an institution's report is about its site."""
    view = normalize.view(heading).text
    view = view.title() if view.isupper() else view  # ("SHANGHAI INTERNATIONAL PORT (GROUP) CO., LTD.")
    for _start, end, code in context.region_gazetteer().mentions(view, 0, len(view)):
        if code.startswith("CN-") and (
            _LOCAL_INSTITUTION_AFTER.match(view, end) or (campus and _UNIVERSITY_AFTER.match(view, end))
        ):
            return code
    return None


# a site that stands where it is named: a mine, a power plant, a refinery (黄陵矿业一号煤矿, 神木电厂)
_SITE_AFTER = re.compile(
    r"(?:矿业|煤矿|矿井|矿区|煤业|电厂|发电厂|热电厂|发电公司|电站|水电站|核电站|炼油厂|炼化|石化|钢厂|钢铁厂)"
)
_COUNTY_SUFFIX = re.compile(r"(?:自治县|县|市|旗)$")  # (not a district: 江南区, 城关区 are words too)


@cache
def _county_stems() -> dict[str, str]:
    """The stems of county names (黄陵 of 黄陵县) that one province's counties alone have."""
    provinces: dict[str, set[str]] = {}
    for row in catalog.divisions():
        county = row["level"] == "county" and _COUNTY_SUFFIX.search(row["name_zh"])
        stem = _COUNTY_SUFFIX.sub("", row["name_zh"]) if county else ""
        if len(stem) >= 2:
            provinces.setdefault(stem, set()).add(row["region"])
    return {stem: codes.pop() for stem, codes in provinces.items() if len(codes) == 1}


def _site_named_after_its_county(heading: str) -> str | None:
    """The province of a county whose name a site in a heading bears (黄陵矿业一号煤矿: Huangling, Shaanxi):
    a county's short name is read only before the word for such a site, where it is no other word."""
    view = normalize.view(heading).text
    stems = _county_stems()
    for m in _SITE_AFTER.finditer(view):
        for size in (3, 2):
            stem = view[m.start() - size : m.start()] if m.start() >= size else ""
            if stem in stems:
                return stems[stem]
    return None


def _subtitle(text: str) -> str | None:
    """The short line under a report's title, before its body ("——甘肃省2024年政府工作报告（摘要）")."""
    lines = [line.strip() for line in text.splitlines()[:6] if line.strip()]
    second = lines[1] if len(lines) > 1 else ""
    sentence = second.endswith(("。", ".", "！", "!"))  # the body's first line
    if not 2 < len(second) <= 60 or sentence or _ADDRESSEE.search(second) or structure.is_dateline(second):
        return None  # ("Shenzhen, March 2024": where it was written, not what it is about)
    # a government body, or a heading that names a report ("Shanghai Environment and Energy Exchange" is
    # the publisher, and the market it runs is national)
    return second if _government_body(second) or _REPORT_HEADING.search(second) else None


_REPORT_HEADING = re.compile(
    r"^(?:——|—|--)|报告|公报|方案|规划|通报|摘要|简表|简报|快报|年报|情况|概况|统计"
    r"|(?i:\b(?:report|bulletin|communique|plan|summary|fact\s+sheet|overview|brief|statistics)\b)"
)


def _government_body(name: str) -> bool:
    """Whether a publisher is a government body or its outlet (浙江省能源局, 香港特别行政区政府新闻公报,
    "Guangdong Provincial Development and Reform Commission"), not an exchange, a company or a newspaper
    named after its city."""
    return bool(context.cue_pattern("government_body").search(normalize.view(name).text))


def publisher_line(text: str) -> str | None:
    """A government body named on a line of its own among a report's first lines (a publisher line that
    stands in the text when no sidecar names it)."""
    for line in text.splitlines()[:8]:
        line = line.strip()
        if (
            2 < len(line) <= 60
            and _government_body(line)
            and _provinces(line)
            and not _ADDRESSEE.search(line)
        ):
            return line
    return None


# "各省、自治区、直辖市及新疆生产建设兵团发展改革委：": the bodies a national notice is sent to
_ADDRESSEE = re.compile(r"^各|[:：]$")


# "… as smelters migrate to hydro-rich Yunnan": a place a title's subject goes to is not the subject
# ("into operation in Liuzhou" is where it happens: no "in" or "at" between)
_DESTINATION = re.compile(
    r"(?:\b(?:to|into|towards?)\s+(?:(?!(?:in|at)\s)[\w-]+\s+){0,2}|[向往])$", re.IGNORECASE
)


def _head_headings(text: str, title: str | None) -> list[str]:
    """The short heading lines among a text's first three under a title that names no place at all
    ("5.2 印尼纬达贝镍资源项目 Weda Bay Nickel Project, Indonesia" under "2023 ESG Report (Extract)")."""
    if not text or (title and context.place_mentions(title, 0, len(title))):
        return []
    return [
        line
        for line in head_lines(text)[:3]
        if len(line) <= 80
        and not line.rstrip().endswith(("。", ".", "！", "!"))
        and not structure.is_dateline(line)
        and not _DATED_LINE.search(line)  # ("(Abu Dhabi, 14 January 2025)": where and when it was given)
        and not structure.is_memo_field(line)  # ("To: Sunwave Energie GmbH, Hamburg, Germany": the addressee)
    ]


_DATED_LINE = re.compile(
    rf"\d{{1,2}}\s+(?:{structure.MONTHS})\b|\b(?:{structure.MONTHS})\s+\d{{1,2}}\b|\d{{4}}\s*年\s*\d{{1,2}}\s*月|^\s*[(（]"
)


def _abroad(title: str) -> str | None:
    """The one country abroad a title names, when it names no place in China and nowhere else."""
    view = normalize.view(title).text
    mentions = context.place_mentions(view, 0, len(view))
    codes = {code for _s, _e, code in mentions}
    code = codes.pop() if len(codes) == 1 else None
    if code is None or code.startswith("CN"):
        return None
    # (what is sent abroad is the country's: "Solar module exports to Indonesia")
    return None if any(_DESTINATION.search(view, max(0, s - 30), s) for s, _e, _c in mentions) else code


def _provinces(heading: str) -> set[str]:
    heading = normalize.view(heading).text
    if heading.isupper():
        heading = heading.title()  # a title in capitals ("GANSU 14TH FIVE-YEAR ENERGY PLAN") names Gansu
    # (what is moved from one province to another is of both: "Relocation of … from Shandong to Yunnan")
    moved = context.RELOCATION.search(heading) is not None
    return {
        code
        for start, _, code in context.place_mentions(heading, 0, len(heading))  # not a company's name
        if code.startswith("CN-") and (moved or not _DESTINATION.search(heading, max(0, start - 30), start))
    }


def refuse_oversized(path: Path) -> None:
    """Raise ReportError naming the file, its size and the limit when it is larger than a report can be."""
    size = path.stat().st_size
    if size > MAX_REPORT_BYTES:
        raise ReportError(
            f"{path.name}: {size / 1e6:,.1f} MB, larger than the limit of {MAX_REPORT_BYTES / 1e6:,.0f} MB "
            "for one report; not read"
        )


def oversized(path: Path) -> bool:
    return path.stat().st_size > MAX_REPORT_BYTES


def read_report(path: Path) -> Report:
    """Read one report; raise ReportError naming the file when it cannot be used."""
    path = Path(path)
    try:
        refuse_oversized(path)
        data = path.read_bytes()
    except OSError as e:
        raise ReportError(f"{path.name}: cannot be read ({e.strerror})") from None
    text = decode(path, data)
    meta, warnings = read_sidecar(path)

    publisher = normalize.view(meta.get("publisher") or "").text  # 廣東省能源局 too
    publisher_hits = context.agency_mentions(publisher, 0, len(publisher))
    published = meta.get("published")
    title = meta.get("title") or structure.title(text)
    return Report(
        report_id=path.stem,
        file_name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        title=title,
        publisher=meta.get("publisher"),
        published=published,
        url=meta.get("url"),
        language=meta.get("language") or language_of(text),
        report_year=stated_data_year(text)
        or (
            None
            if straddles_two_years(title or "", text) or covers_several_years(text)
            else covered_year(title or "", int(published[:4]), text)
            if published
            else infer_report_year(text)
        ),
        agency_id=publisher_hits[0][2] if publisher_hits else infer_agency(text),
        region_code=report_region(title, publisher or publisher_line(text), text),
        warnings=tuple(warnings),
    )


def read_reports(seeds_dir: Path) -> tuple[list[Report], list[str]]:
    """All readable reports of a folder, and one message per report that could not be read."""
    reports, errors = [], []
    for path in report_files(seeds_dir):
        try:
            reports.append(read_report(path))
        except ReportError as e:
            errors.append(str(e))
    return reports, errors
