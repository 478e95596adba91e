import pytest

from pipelines.reports import ReportError, read_report, read_reports

from .conftest import ENGLISH_REPORT


def test_sidecar_metadata_wins(seeds):
    r = read_report(seeds / "en_report.txt")
    assert (r.title, r.published, r.report_year, r.language, r.agency_id) == (
        "Energy progress",
        "2022-09-30",
        2022,
        "en",
        "nea",
    )
    assert r.report_id == "en_report" and len(r.sha256) == 64


def test_metadata_is_inferred_without_a_sidecar(seeds):
    r = read_report(seeds / "zh_report.txt")
    assert r.language == "zh" and r.report_year == 2022 and r.published is None
    assert r.title == "重庆积极推动林业生态产品价值实现"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty report"),
        (b"   \n", "empty report"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary content"),
        ("中文".encode("gb18030"), "not valid UTF-8"),
    ],
)
def test_unreadable_reports_are_named_with_the_reason(tmp_path, content, reason):
    (tmp_path / "bad.txt").write_bytes(content)
    with pytest.raises(ReportError, match=f"^bad.txt: {reason}"):
        read_report(tmp_path / "bad.txt")


def test_one_bad_report_does_not_stop_the_others(tmp_path):
    (tmp_path / "a_good.txt").write_text(ENGLISH_REPORT, encoding="utf-8")
    (tmp_path / "b_bad.txt").write_bytes(b"\xff\xfe\x00garbage")
    reports, errors = read_reports(tmp_path)
    assert [r.report_id for r in reports] == ["a_good"]
    assert len(errors) == 1 and errors[0].startswith("b_bad.txt: ")


def test_a_bad_sidecar_date_is_reported(tmp_path):
    (tmp_path / "r.txt").write_text(ENGLISH_REPORT, encoding="utf-8")
    (tmp_path / "r.meta.yaml").write_text("published: September 2022\n", encoding="utf-8")
    with pytest.raises(ReportError, match="r.meta.yaml: 'published' is not an ISO date"):
        read_report(tmp_path / "r.txt")


def test_the_province_of_a_provincial_report(tmp_path):
    (tmp_path / "js.txt").write_text(
        "Jiangsu Province Progress Report on Carbon Peaking (2023)\nIn 2023, 5 parks opened.\n",
        encoding="utf-8",
    )
    (tmp_path / "cn.txt").write_text(
        "National progress of the Ten Actions\nIn 2022, Shandong opened 5 parks.\n", encoding="utf-8"
    )
    assert read_report(tmp_path / "js.txt").region_code == "CN-JS"
    assert read_report(tmp_path / "cn.txt").region_code == "CN"
