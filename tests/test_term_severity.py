"""Term findings follow the glossary: an entry's own severity, else the glossary's default
(``# default-severity:``, a TBX header), else the rule's; the shipped zh-en glossary keeps
major for meaning-breaking mis-terms and wrong names only."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.engine import Checker, RuleSet
from mtcheck.glossary.fmt import canonical
from mtcheck.glossary.lint import lint
from mtcheck.glossary.load import load_glossary
from mtcheck.glossary.model import SEVERITIES, Entry, Glossary
from mtcheck.glossary.tbx import read_tbx, read_tbx_file, render_tbx
from mtcheck.glossary.tsvfile import GlossaryError, read_glossary_file, render
from mtcheck.model import Origin, Segment

HEADER = "id\tsource\ttarget\tforbidden\tseverity\n"
ROWS = (
    "c1\t总体国家安全观\tholistic approach to national security | holistic view of national security"
    "\toverall national security concept\t\n"
    "c2\t两个维护\tTwo Upholds\ttwo maintenances\tmajor\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def findings(glossary: Path, target: str, source: str | None = None) -> list[tuple[str, str, str]]:
    checker = Checker(RuleSet.load(shipped=False, glossaries=[str(glossary)]).rules)
    found = checker.check_segment(Segment("s", target, Origin("t", 1), source=source))
    return [(f.rule, f.severity.value, f.message) for f in found]


# --- severity: the entry's, else the glossary's default, else the rule's ------------------------


def test_the_glossary_default_applies_to_entries_without_a_severity(tmp_path: Path) -> None:
    glossary = write(tmp_path / "g.tsv", "# house terms\n# default-severity: minor\n" + HEADER + ROWS)
    assert findings(glossary, "the overall national security concept and the two maintenances") == [
        (
            "term.forbidden",
            "minor",
            "“overall national security concept” is a forbidden rendering of 总体国家安全观; "
            "use “holistic approach to national security”",
        ),
        ("term.forbidden", "major", "“two maintenances” is a forbidden rendering of 两个维护; use “Two Upholds”"),
    ]
    assert findings(glossary, "a security outlook", "总体国家安全观") == [
        (
            "term.missing",
            "minor",
            "总体国家安全观 is not rendered as “holistic approach to national security” or "
            "“holistic view of national security”",
        )
    ]


def test_without_a_default_the_rule_severity_applies(tmp_path: Path) -> None:
    glossary = write(tmp_path / "g.tsv", HEADER + ROWS)
    assert [row[:2] for row in findings(glossary, "the overall national security concept")] == [
        ("term.forbidden", "major")
    ]


def test_each_glossary_has_its_own_default(tmp_path: Path) -> None:
    header = "source\ttarget\tforbidden\n"
    minor = write(tmp_path / "a.tsv", f"# default-severity: minor\n{header}甲\tfirst\tbad first\n")
    critical = write(tmp_path / "b.tsv", f"# default-severity: critical\n{header}乙\tsecond\tbad second\n")
    checker = Checker(RuleSet.load(shipped=False, glossaries=[str(minor), str(critical)]).rules)
    found = checker.check_segment(Segment("s", "bad first, bad second", Origin("t", 1)))
    assert [(f.text, f.severity.value) for f in found] == [("bad first", "minor"), ("bad second", "critical")]


@pytest.mark.parametrize(
    "line", ["# default-severity: minor", "#default-severity:minor", "#  Default-Severity :  minor  "]
)
def test_the_setting_is_read_in_any_spelling_and_fmt_writes_one(tmp_path: Path, line: str) -> None:
    document = read_glossary_file(write(tmp_path / "g.tsv", f"# terms\n{line}\n{HEADER}{ROWS}"))
    assert document.default_severity == "minor"
    assert render(canonical(document)).decode("utf-8").splitlines()[:3] == [
        "# terms",
        "# default-severity: minor",
        "id\tsource\ttarget\tforbidden\tseverity",
    ]
    assert lint(document) == []


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            "# default-severity: Minor\n" + HEADER + ROWS,
            ["g.tsv:1: default-severity 'Minor' is not one of minor, major, critical [severity]"],
        ),
        (
            "# default-severity:\n" + HEADER + ROWS,
            ["g.tsv:1: `# default-severity:` needs a value: minor, major, critical [severity]"],
        ),
        (
            "# default-severity: minor\n# default-severity: major\n" + HEADER + ROWS,
            ["g.tsv:2: `# default-severity:` is also set on line 1 [setting]"],
        ),
        (
            HEADER + ROWS + "# default-severity: minor\n",
            ["g.tsv:4: `# default-severity:` below the header line is not read; move it above the header [setting]"],
        ),
    ],
)
def test_lint_reports_a_setting_the_checks_cannot_apply(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, problems: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "g.tsv", text)
    assert [str(problem) for problem in lint(read_glossary_file("g.tsv"))] == problems
    with pytest.raises(GlossaryError) as raised:
        load_glossary("g.tsv")
    assert str(raised.value) == problems[0].rsplit(" [", 1)[0] + " (see `mtcheck glossary lint`)"


def test_a_bad_setting_stops_the_check_with_one_line(tmp_path: Path) -> None:
    write(tmp_path / "g.tsv", "# default-severity: high\n" + HEADER + ROWS)
    write(tmp_path / "b.txt", "the two maintenances\n")
    result = run_cli("check", "--no-shipped-rules", "-g", "g.tsv", "b.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "mtcheck: error: g.tsv:1: default-severity 'high' is not one of minor, major, critical "
        "(see `mtcheck glossary lint`)\n"
    )


def test_adding_an_entry_keeps_the_setting(tmp_path: Path) -> None:
    write(tmp_path / "g.tsv", "# default-severity: minor\n" + HEADER + ROWS)
    result = run_cli("glossary", "add", "g.tsv", "-s", "新常态", "-t", "new normal", "--id", "c3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "g.tsv").read_text(encoding="utf-8")
    assert text == "# default-severity: minor\n" + HEADER + ROWS + "c3\t新常态\tnew normal\t\t\n"
    assert load_glossary(str(tmp_path / "g.tsv")).resolved()[2].severity == "minor"


# --- the setting in the exchange formats ----------------------------------------------------------


def test_tbx_carries_the_default_in_its_header_and_import_writes_it_back(tmp_path: Path) -> None:
    write(tmp_path / "g.tsv", "# default-severity: minor\n" + HEADER + ROWS)
    assert run_cli("glossary", "export", "g.tsv", "-o", "g.tbx", cwd=tmp_path).returncode == 0
    tbx = (tmp_path / "g.tbx").read_text(encoding="utf-8").splitlines()
    assert tbx[5:8] == [
        "        <p>mtcheck glossary, zh to en</p>",
        '        <p type="x-mtcheck-defaultSeverity">minor</p>',
        "      </sourceDesc>",
    ]
    result = run_cli("glossary", "import", "g.tbx", "-o", "back.tsv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    back = read_glossary_file(tmp_path / "back.tsv")
    assert render(back).decode("utf-8").splitlines()[:2] == [
        "# default-severity: minor",
        "id\tsource\ttarget\tforbidden\tnote\tseverity",
    ]
    original = load_glossary(str(tmp_path / "g.tsv"))
    assert [(e.id, e.severity) for e in back.entries] == [(e.id, e.severity) for e in original.entries]
    assert [(e.id, e.severity) for e in load_glossary(str(tmp_path / "g.tbx")).resolved()] == [
        ("c1", "minor"),
        ("c2", "major"),
    ]


def test_a_bad_default_in_a_tbx_is_refused(tmp_path: Path) -> None:
    (tmp_path / "g.tbx").write_bytes(render_tbx([Entry(("甲",), ("first",))], "zh", "en", "severe"))
    with pytest.raises(GlossaryError) as raised:
        load_glossary(str(tmp_path / "g.tbx"))
    assert str(raised.value) == (
        f"{tmp_path / 'g.tbx'}: default severity 'severe' is not one of minor, major, critical "
        "(the header's x-mtcheck-defaultSeverity)"
    )
    result = run_cli("glossary", "import", "g.tbx", "-o", "g.tsv", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[-1] == (
        "mtcheck: error: g.tbx: default severity 'severe' is not one of minor, major, critical"
    )
    assert not (tmp_path / "g.tsv").exists()


def test_csv_export_writes_the_default_into_each_empty_severity(tmp_path: Path) -> None:
    write(tmp_path / "g.tsv", "# default-severity: minor\n" + HEADER + ROWS)
    assert run_cli("glossary", "export", "g.tsv", "-o", "g.csv", cwd=tmp_path).returncode == 0
    assert (tmp_path / "g.csv").read_bytes().decode("utf-8-sig").splitlines() == [
        "id,source,target,forbidden,note,severity",
        "c1,总体国家安全观,holistic approach to national security | holistic view of national security,"
        "overall national security concept,,minor",
        "c2,两个维护,Two Upholds,two maintenances,,major",
    ]


entries = st.lists(
    st.builds(
        Entry,
        source=st.tuples(st.sampled_from(["甲", "乙", "丙"])),
        target=st.tuples(st.sampled_from(["one", "two", "three"])),
        severity=st.sampled_from(("", *SEVERITIES)),
    ),
    min_size=1,
    max_size=4,
)


@given(entries=entries, default=st.sampled_from(("", *SEVERITIES)))
def test_tbx_round_trip_keeps_the_default_and_every_severity(entries: list[Entry], default: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.tbx"
        path.write_bytes(render_tbx(entries, "zh", "en", default))
        read = read_tbx_file(path)
        assert (read.default_severity, [e.severity for e in read.entries]) == (default, [e.severity for e in entries])
        assert read_tbx(path)[1:] == ("zh", "en")
    resolved = Glossary(entries, default_severity=default).resolved()
    assert [e.severity for e in resolved] == [e.severity or default for e in entries]


# --- the shipped zh-en glossary: policy choices are minor; meaning-breaking mis-terms and the
# outdated security terms the seed's post-editor marks major (shared/reference/zh-en-domain.md) are major


@pytest.mark.parametrize(
    ("target", "found", "severity"),
    [
        ("advance Chinese-style modernization", "Chinese-style modernization", "minor"),
        ("leading cadres at all levels", "leading cadres", "minor"),
        ("the overall national security concept", "overall national security concept", "major"),
        ("build a new security pattern", "new security pattern", "major"),
        ("the four self-confidences", "four self-confidences", "minor"),
        ("resolutely achieve the “two maintenances”", "“two maintenances”", "major"),
        ("keep in mind the “big country”", "“big country”", "major"),
        ("the Provincial Political Consultative Conference", "Provincial Political Consultative Conference", "major"),
        ("the Provincial Military Region", "Provincial Military Region", "major"),
        ("sweep away black and eliminate evil", "sweep away black and eliminate evil", "major"),
    ],
)
def test_shipped_glossary_severities(target: str, found: str, severity: str) -> None:
    checker = Checker(RuleSet.load(shipped=False, glossaries=["zh-en"]).rules)
    (finding,) = checker.check_segment(Segment("s", target, Origin("t", 1)))
    assert (finding.rule, finding.text, finding.severity.value) == ("term.forbidden", found, severity)


def test_shipped_glossary_message_for_a_policy_variant() -> None:
    checker = Checker(RuleSet.load(shipped=False, glossaries=["zh-en"]).rules)
    unit = Segment("s", "Chinese-style modernization", Origin("t", 1), source="中国式现代化")
    (finding,) = checker.check_segment(unit)
    assert (finding.severity.value, finding.message, finding.replacement) == (
        "minor",
        "“Chinese-style modernization” is a forbidden rendering of 中国式现代化; use “Chinese modernization”",
        "Chinese modernization",
    )
