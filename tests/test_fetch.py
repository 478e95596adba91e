"""Fetching followed sources from a real HTTP server on 127.0.0.1."""

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from pipelines.sources.fetch import FetchPolicy, fetch_all, html_text, load_sources, report_stem

REPORT = "Hubei added 2.1 million kilowatts of wind power in 2022.\n"
PAGE = (
    "<html><head><title>t</title><script>var x = 1;</script></head><body><nav>Home | News</nav>"
    "<main><h1>Progress</h1><p>Shandong built 30 charging stations in 2022.</p></main>"
    "<footer>Copyright</footer></body></html>"
)


def _pdf_bytes(text: str) -> bytes:
    from pypdf import PdfWriter  # noqa: PLC0415
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject  # noqa: PLC0415

    writer = PdfWriter()
    page = writer.add_blank_page(width=400, height=200)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(stream)
    import io  # noqa: PLC0415

    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class Handler(BaseHTTPRequestHandler):
    routes: dict = {}
    hits: dict = {}

    def do_GET(self):  # noqa: N802
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        route = Handler.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        status, headers, body, delay = route(self)
        if delay:
            time.sleep(delay)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        if body:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    def log_message(self, *args):
        pass


def etagged(body: bytes, etag: str, ctype="text/plain; charset=utf-8"):
    def route(req):
        if req.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b"", 0
        return 200, {"Content-Type": ctype, "ETag": etag, "Content-Length": str(len(body))}, body, 0

    return route


@pytest.fixture
def server():
    Handler.routes, Handler.hits = {}, {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


FAST = FetchPolicy(connect_timeout=2, read_timeout=0.5, retries=2, backoff=0.01, max_bytes=4096)


def test_new_unchanged_and_changed_source(server, tmp_path):
    Handler.routes["/r.txt"] = etagged(REPORT.encode(), '"v1"')
    sources = [
        {
            "url": f"{server}/r.txt",
            "title": "Wind",
            "publisher": "NEA",
            "published": "2022-10-01",
            "language": "en",
        }
    ]
    [first] = fetch_all(sources, tmp_path, FAST)
    stem = report_stem(sources[0]["url"])
    assert (first.status, first.file_name) == ("new", f"{stem}.txt")
    assert (tmp_path / first.file_name).read_text(encoding="utf-8") == REPORT
    meta = yaml.safe_load((tmp_path / f"{stem}.meta.yaml").read_text())
    assert meta["url"] == sources[0]["url"] and meta["etag"] == '"v1"' and len(meta["sha256"]) == 64
    assert meta["published"] == "2022-10-01"

    [second] = fetch_all(sources, tmp_path, FAST)
    assert second.status == "unchanged" and second.reason == "304 Not Modified"
    assert Handler.hits["/r.txt"] == 2  # one conditional request

    Handler.routes["/r.txt"] = etagged(b"Hunan built 40 charging stations in 2022.\n", '"v2"')
    [third] = fetch_all(sources, tmp_path, FAST)
    assert third.status == "changed"
    assert "Hunan" in (tmp_path / third.file_name).read_text(encoding="utf-8")


def test_html_and_pdf_become_text(server, tmp_path):
    Handler.routes["/page.html"] = etagged(PAGE.encode(), '"p"', "text/html; charset=utf-8")
    Handler.routes["/doc.pdf"] = etagged(
        _pdf_bytes("Tianjin added 12 industrial chains."), '"d"', "application/pdf"
    )
    results = fetch_all(
        [{"url": f"{server}/page.html"}, {"url": f"{server}/doc.pdf"}],
        tmp_path,
        FetchPolicy(max_bytes=1 << 20, retries=0),
    )
    assert [r.status for r in results] == ["new", "new"], results
    page = (tmp_path / results[0].file_name).read_text(encoding="utf-8")
    assert page == "Progress\nShandong built 30 charging stations in 2022.\n"
    assert "Tianjin added 12 industrial chains." in (tmp_path / results[1].file_name).read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (None, "HTTP 404"),
        (lambda req: (500, {}, b"oops", 0), "gave up after 2 retries"),
        (lambda req: (200, {"Content-Type": "text/plain"}, b"late", 2.0), "timed out"),
        (
            lambda req: (200, {"Content-Type": "text/plain", "Content-Length": "100000"}, b"x" * 100000, 0),
            "too large",
        ),
        (lambda req: (200, {"Content-Type": "text/plain"}, b"y" * 100000, 0), "too large"),
        (
            lambda req: (200, {"Content-Type": "image/png"}, b"\x89PNG", 0),
            "unsupported content type image/png",
        ),
        (lambda req: (200, {"Content-Type": "text/html"}, b"<html><script>x</script></html>", 0), "no text"),
    ],
)
def test_each_failure_fails_alone(server, tmp_path, route, reason):
    Handler.routes["/good.txt"] = etagged(REPORT.encode(), '"g"')
    if route is not None:
        Handler.routes["/bad"] = route
    results = fetch_all([{"url": f"{server}/bad"}, {"url": f"{server}/good.txt"}], tmp_path, FAST)
    bad, good = results
    assert bad.status == "failed" and reason in bad.reason, bad
    assert bad.url.endswith("/bad")
    assert good.status == "new"
    assert not list(tmp_path.glob(f"{report_stem(bad.url)}*"))


def test_an_unreachable_host_fails_alone(tmp_path):
    # a port nobody listens on
    import socket  # noqa: PLC0415

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    [result] = fetch_all([{"url": f"http://127.0.0.1:{port}/r.txt"}], tmp_path, FAST)
    assert result.status == "failed" and ("unreachable" in result.reason or "retries" in result.reason)


def test_sources_file_is_checked(tmp_path):
    good = tmp_path / "sources.yaml"
    good.write_text("- url: https://example.org/a.html\n  title: A\n", encoding="utf-8")
    assert load_sources(good) == (
        [
            {
                "url": "https://example.org/a.html",
                "title": "A",
                "publisher": None,
                "published": None,
                "language": None,
            }
        ],
        [],
    )
    assert load_sources(Path(__file__).resolve().parent.parent / "seeds" / "sources.yaml") == ([], [])


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("- title: no url\n", "sources.yaml: source 1 needs a url; skipped"),
        (
            "- url: file:///etc/passwd\n",
            "sources.yaml: source 1 url must be http or https, not 'file:///etc/passwd'",
        ),
        (
            "- url: ftp://example.org/r.txt\n",
            "source 1 url must be http or https, not 'ftp://example.org/r.txt'",
        ),
        ("- just a string\n", "sources.yaml: source 1 needs a url; skipped"),
        ("- url: 42\n", "sources.yaml: source 1 needs a url; skipped"),
    ],
)
def test_a_bad_entry_is_skipped_alone(tmp_path, content, problem):
    path = tmp_path / "sources.yaml"
    path.write_text(content + "- url: https://example.org/good.txt\n", encoding="utf-8")
    sources, problems = load_sources(path)
    assert [s["url"] for s in sources] == ["https://example.org/good.txt"]
    assert len(problems) == 1 and problem in problems[0]


def test_a_sources_file_that_is_not_a_list_fetches_nothing_and_says_why(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("url: https://example.org/a.txt\n", encoding="utf-8")
    assert load_sources(path) == (
        [],
        ["sources.yaml: expected a YAML list of sources (- url: ...), got a dict"],
    )


def test_a_server_that_drips_its_answer_fails_alone_within_the_deadline(server, tmp_path):
    def drip(req):
        for ch in b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Slow: " + b"a" * 100:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                req.wfile.write(bytes([ch]))
                req.wfile.flush()
            time.sleep(0.05)  # each byte well within the read timeout
        return 200, {}, b"", 0

    Handler.routes["/drip"] = drip
    Handler.routes["/r.txt"] = etagged(REPORT.encode(), '"v1"')
    policy = FetchPolicy(
        connect_timeout=2, read_timeout=0.5, retries=0, backoff=0.01, max_bytes=4096, deadline=1.0
    )
    started = time.monotonic()
    slow, good = fetch_all([{"url": f"{server}/drip"}, {"url": f"{server}/r.txt"}], tmp_path, policy)
    assert time.monotonic() - started < 4
    assert slow.status == "failed" and slow.reason == "no complete answer within 1 s"
    assert good.status == "new"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".txt"] == [f"{report_stem(good.url)}.txt"]


def test_a_hostile_pdf_fails_alone(server, tmp_path):
    import zlib  # noqa: PLC0415

    # a stream of 120 MB in about 120 KB, in a file without cross-reference table
    bomb = zlib.compress(b"0" * (120 * 1024 * 1024), 9)
    pdf = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n"
        b"4 0 obj << /Length "
        + str(len(bomb)).encode()
        + b" /Filter /FlateDecode >> stream\n"
        + bomb
        + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    Handler.routes["/bomb.pdf"] = lambda req: (200, {"Content-Type": "application/pdf"}, pdf, 0)
    Handler.routes["/r.txt"] = etagged(REPORT.encode(), '"v1"')
    policy = FetchPolicy(connect_timeout=2, read_timeout=5, retries=0, max_bytes=1024 * 1024)
    bad, good = fetch_all([{"url": f"{server}/bomb.pdf"}, {"url": f"{server}/r.txt"}], tmp_path, policy)
    assert bad.status == "failed" and ("PDF" in bad.reason or "too large" in bad.reason), bad.reason
    assert good.status == "new"


def test_html_text_prefers_main_content():
    assert html_text("<body><nav>menu</nav><p>a</p><p>b</p></body>") == "a\nb\n"


def test_peakwatch_fetch_command(server, tmp_path, capsys):
    from assets.cli import main  # noqa: PLC0415

    Handler.routes["/r.txt"] = etagged(REPORT.encode(), '"v1"')
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"- url: {server}/r.txt\n  title: Wind\n- url: {server}/missing\n", encoding="utf-8")
    assert main(["fetch", "--sources", str(sources), "--seeds", str(seeds)]) == 0
    out = capsys.readouterr().out
    assert f"{server}/r.txt | new | " in out and "HTTP 404" in out
    assert (seeds / f"{report_stem(f'{server}/r.txt')}.txt").exists()


def test_fetch_job_warns_about_failed_sources_without_failing(server, tmp_path):
    import dagster as dg  # noqa: PLC0415

    from assets.definitions import build_definitions  # noqa: PLC0415
    from assets.resources import PeakwatchStore  # noqa: PLC0415

    Handler.routes["/r.txt"] = etagged(REPORT.encode(), '"v1"')
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"- url: {server}/r.txt\n- url: {server}/missing\n", encoding="utf-8")
    store = PeakwatchStore(seeds_dir=str(tmp_path), sources_file=str(sources), fetch_retries=0)
    result = (
        build_definitions(store)
        .resolve_job_def("fetch_sources")
        .execute_in_process(instance=dg.DagsterInstance.ephemeral())
    )
    assert result.success
    [check] = result.get_asset_check_evaluations()
    assert not check.passed and check.severity == dg.AssetCheckSeverity.WARN
    assert check.metadata["failed_sources"].value == 1
    assert [f.split(": ")[0] for f in check.metadata["failures"].value] == [f"{server}/missing"]


def test_same_content_without_validators_leaves_the_files_untouched(server, tmp_path):
    body = REPORT.encode()
    Handler.routes["/plain.txt"] = lambda req: (200, {"Content-Type": "text/plain"}, body, 0)
    sources = [{"url": f"{server}/plain.txt"}]
    [first] = fetch_all(sources, tmp_path, FAST)
    files = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    [second] = fetch_all(sources, tmp_path, FAST)
    assert (first.status, second.status) == ("new", "unchanged")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == files  # the seeds sensor sees no change
