"""Fetching followed reports over HTTP into the seeds folder.

Each source of ``seeds/sources.yaml`` becomes ``seeds/web_<hash of its URL>.txt`` plus a sidecar with its
metadata, sha256 and the validators (ETag, Last-Modified) of the last response, so that a fetched report
and a dropped one are the same thing downstream and an unchanged source costs one conditional request.
A source that fails (unreachable, 4xx/5xx, timeout, too large, wrong type, no text) fails alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import threading
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import requests
import yaml
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

TEXT_TYPES = ("text/plain", "text/html", "application/xhtml+xml", "application/pdf")
SOURCE_KEYS = ("url", "title", "publisher", "published", "language")


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5  # seconds; doubles with each retry
    max_bytes: int = 20 * 1024 * 1024  # of the body after decompression, and of a PDF's text
    deadline: float = 120.0  # seconds for one source from request to text, whatever the server does
    user_agent: str = "peakwatch/0.1 (open-data pipeline of carbon-peaking progress reports)"


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: str  # new | changed | unchanged | failed
    file_name: str | None
    reason: str = ""


def load_sources(path: Path) -> tuple[list[dict], list[str]]:
    """The followed sources of a sources file, and one message per entry that cannot be followed (no
    url, not http or https, not a mapping): a bad entry is skipped alone, the others are fetched."""
    name = Path(path).name
    if not Path(path).exists():
        return [], []
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        return [], [f"{name}: unreadable ({e.__class__.__name__}); no source fetched"]
    if not isinstance(data, list):
        return [], [f"{name}: expected a YAML list of sources (- url: ...), got a {type(data).__name__}"]
    sources, problems = [], []
    for i, entry in enumerate(data, start=1):
        url = entry.get("url") if isinstance(entry, dict) else None
        if not isinstance(url, str) or not url.strip():
            problems.append(f"{name}: source {i} needs a url; skipped")
        elif not re.match(r"https?://[^/\s]", url.strip(), re.IGNORECASE):
            problems.append(
                f"{name}: source {i} url must be http or https, not {url.strip()[:80]!r}; skipped"
            )
        else:
            sources.append({k: entry.get(k) for k in SOURCE_KEYS} | {"url": url.strip()})
    return sources, problems


def report_stem(url: str) -> str:
    return "web_" + hashlib.sha256(url.encode()).hexdigest()[:16]


def session_for(policy: FetchPolicy) -> requests.Session:
    session = requests.Session()
    retry = Retry(
        total=policy.retries,
        backoff_factor=policy.backoff,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=("GET",),
        raise_on_status=True,
    )
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = policy.user_agent
    return session


def fetch_all(sources: list[dict], seeds_dir: Path, policy: FetchPolicy = FetchPolicy()) -> list[FetchResult]:
    """Poll every source once; never raises for one bad source."""
    session = session_for(policy)
    try:
        return [_fetch_within_deadline(session, source, Path(seeds_dir), policy) for source in sources]
    finally:
        session.close()


def _fetch_within_deadline(session, source: dict, seeds_dir: Path, policy: FetchPolicy) -> FetchResult:
    """fetch_one in a worker thread that gets `policy.deadline` seconds: a server that drips its answer
    byte by byte (each byte within the read timeout) fails this source alone. A late worker is abandoned
    and writes nothing."""
    outcome: list[FetchResult] = []
    cancelled = threading.Event()

    def work() -> None:
        try:
            outcome.append(fetch_one(session, source, seeds_dir, policy, cancelled))
        except Exception as e:  # a bug met by one source must not stop the others: name it and go on
            outcome.append(FetchResult(source["url"], "failed", None, f"{e.__class__.__name__}: {e}"[:200]))

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(policy.deadline)
    if worker.is_alive():
        cancelled.set()
        return FetchResult(source["url"], "failed", None, f"no complete answer within {policy.deadline:g} s")
    return outcome[0]


def fetch_one(
    session: requests.Session,
    source: dict,
    seeds_dir: Path,
    policy: FetchPolicy,
    cancelled: threading.Event | None = None,
) -> FetchResult:
    url, stem = source["url"], report_stem(source["url"])
    sidecar = seeds_dir / f"{stem}.meta.yaml"
    previous = yaml.safe_load(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
    headers = {}
    if previous.get("etag"):
        headers["If-None-Match"] = previous["etag"]
    if previous.get("last_modified"):
        headers["If-Modified-Since"] = previous["last_modified"]
    try:
        text, response = _download(session, url, headers, policy)
    except FetchError as e:
        return FetchResult(url, "failed", None, str(e))
    if response is None:
        return FetchResult(url, "unchanged", f"{stem}.txt", "304 Not Modified")
    if cancelled is not None and cancelled.is_set():
        return FetchResult(url, "failed", None, "abandoned after the deadline")
    data = text.encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    status = "new" if not previous else ("unchanged" if previous.get("sha256") == sha else "changed")
    meta = {k: source.get(k) for k in SOURCE_KEYS if source.get(k) is not None}
    meta |= {
        "sha256": sha,
        "etag": response.headers.get("ETag"),
        "last_modified": response.headers.get("Last-Modified"),
        "content_type": response.headers.get("Content-Type"),
        "fetched": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    }
    if status == "unchanged":
        # same text: keep the report and its sidecar byte for byte, so that nothing downstream reruns;
        # only new validators are recorded (with the time the text was last fetched)
        if all(previous.get(k) == meta[k] for k in ("etag", "last_modified")):
            return FetchResult(url, status, f"{stem}.txt", "same content")
        meta["fetched"] = previous.get("fetched", meta["fetched"])
    else:
        _atomic_write(seeds_dir / f"{stem}.txt", data)
    _atomic_write(sidecar, yaml.safe_dump(meta, allow_unicode=True, sort_keys=True).encode("utf-8"))
    return FetchResult(url, status, f"{stem}.txt")


class FetchError(Exception):
    pass


def _download(session, url, headers, policy) -> tuple[str, requests.Response | None]:
    try:
        response = session.get(
            url, headers=headers, timeout=(policy.connect_timeout, policy.read_timeout), stream=True
        )
    except requests.exceptions.RetryError as e:
        raise FetchError(f"gave up after {policy.retries} retries: {_root_cause(e)}") from None
    except requests.exceptions.Timeout:
        raise FetchError(
            f"timed out (connect {policy.connect_timeout}s, read {policy.read_timeout}s)"
        ) from None
    except requests.exceptions.ConnectionError as e:
        raise FetchError(f"unreachable: {_root_cause(e)}") from None
    except requests.exceptions.RequestException as e:
        raise FetchError(f"request failed: {e.__class__.__name__}") from None
    with response:
        if response.status_code == 304:
            return "", None
        if response.status_code >= 400:
            raise FetchError(f"HTTP {response.status_code} {response.reason}")
        kind = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind not in TEXT_TYPES:
            raise FetchError(f"unsupported content type {kind or '(none)'}")
        body = _read_limited(response, policy.max_bytes)
        text = _to_text(body, kind, response.encoding, policy.max_bytes)
    if not text.strip():
        raise FetchError("no text in the document")
    return text, response


def _root_cause(error: BaseException) -> str:
    """The innermost error of requests' and urllib3's wrappers, as a short message."""
    seen = set()
    while id(error) not in seen:
        seen.add(id(error))
        inner = (
            error.args[0]
            if error.args and isinstance(error.args[0], BaseException)
            else getattr(error, "reason", None)
        )
        if not isinstance(inner, BaseException):
            break
        error = inner
    return re.sub(r"<[^>]+>: ", "", str(error))[:200]


def _read_limited(response: requests.Response, limit: int) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(f"body too large ({int(declared)} bytes, limit {limit})")
    buffer = bytearray()
    try:
        for chunk in response.iter_content(64 * 1024):
            buffer += chunk
            if len(buffer) > limit:
                raise FetchError(f"body too large (over {limit} bytes)")
    except requests.exceptions.RequestException:
        raise FetchError("timed out or interrupted while reading the body") from None
    return bytes(buffer)


def _to_text(body: bytes, kind: str, encoding: str | None, max_bytes: int) -> str:
    if kind == "application/pdf":
        return pdf_text(body, max_bytes)
    text = _decode(body, encoding if kind == "text/plain" or encoding else None)
    return html_text(text) if kind != "text/plain" else text


def _decode(body: bytes, declared: str | None) -> str:
    for candidate in (declared, "utf-8", "gb18030"):
        if candidate:
            try:
                return body.decode(candidate)
            except (UnicodeDecodeError, LookupError):
                continue
    return body.decode("utf-8", errors="replace")


def pdf_text(body: bytes, max_chars: int = 20 * 1024 * 1024) -> str:
    """The text of a PDF, page by page. Whatever the file does (streams that expand past pypdf's limits,
    broken objects, endless text), the result is text of at most `max_chars` or a FetchError."""
    from pypdf import PdfReader  # noqa: PLC0415 (only PDF sources need it)

    try:
        reader = PdfReader(io.BytesIO(body))
        pages, size = [], 0
        for page in reader.pages:
            pages.append((page.extract_text() or "").strip())
            size += len(pages[-1])
            if size > max_chars:
                raise FetchError(f"PDF text too large (over {max_chars} characters)")
        return "\n".join(pages).strip() + "\n"
    except FetchError:
        raise
    except (Exception, RecursionError) as e:  # pypdf raises many kinds for hostile files; one source fails
        raise FetchError(f"unreadable PDF ({e.__class__.__name__})") from None


class _MainText(HTMLParser):
    SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "template", "svg"}
    BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "section",
        "article",
        "main",
        "title",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {"main": [], "body": []}
        self.skip = 0
        self.main = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        if tag in ("main", "article"):
            self.main += 1
        if tag in self.BLOCK:
            self._add("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag in ("main", "article") and self.main:
            self.main -= 1
        if tag in self.BLOCK:
            self._add("\n")

    def handle_data(self, data):
        if not self.skip:
            self._add(data)

    def _add(self, text: str) -> None:
        self.parts["body"].append(text)
        if self.main:
            self.parts["main"].append(text)


def html_text(html: str) -> str:
    """The main text of an HTML page: <main> or <article> when present, else the body without navigation,
    one paragraph per line."""
    parser = _MainText()
    parser.feed(html)
    parser.close()
    chosen = "".join(parser.parts["main"]) or "".join(parser.parts["body"])
    lines = (re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in chosen.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
