"""Every segment's language: from the file, its path, the flags, then its text; rules that run
only where they apply, selected once per language pair; locale packs; surface rules that leave
code and copied text alone."""

from __future__ import annotations

import json
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import run_cli
from hypothesis import example as hypothesis_example
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.checks import BUILTIN_CHECKS
from mtcheck.config import Settings, build_rules
from mtcheck.engine import Checker, RuleSet, locale_example_problems
from mtcheck.formats import load
from mtcheck.lang.codes import normalize, script
from mtcheck.lang.detect import Decision, from_path, from_text
from mtcheck.lang.locale import DEFAULT, locale_for
from mtcheck.model import Origin, Segment
from mtcheck.packs.loader import LocaleExample, PackError, load_pack
from mtcheck.rule import Hit, RuleInfo, Scope
from mtcheck.surface import context, protected_spans

# --- language tags ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelled", "tag", "script_family"),
    [
        ("de", "de", "Latn"),
        ("zh_CN", "zh-CN", "Hani"),
        ("zh-cn", "zh-CN", "Hani"),
        ("zh-Hant", "zh-Hant", "Hani"),
        ("sr@latin", "sr-Latn", "Latn"),
        ("sr", "sr", "Cyrl"),
        ("de_DE.UTF-8", "de-DE", "Latn"),
        ("EN-us", "en-US", "Latn"),
        ("ca@valencia", "ca-valencia", "Latn"),
        ("iw", "he", "Hebr"),
        ("ja", "ja", "Jpan"),
        ("ko-KR", "ko-KR", "Kore"),
        ("und-Cyrl", "und-Cyrl", "Cyrl"),
        ("fil", "fil", "Latn"),
        ("C", None, None),
        ("*all*", None, None),
        ("Chinese", None, None),
        ("xx", None, None),
        ("", None, None),
    ],
)
def test_tags_are_spelled_one_way(spelled: str, tag: str | None, script_family: str | None) -> None:
    assert normalize(spelled) == tag
    assert script(tag) == script_family


# --- the path -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("po/de.po", "de"),
        ("po/pt_BR.po", "pt-BR"),
        ("po/sr@latin.po", "sr-Latn"),
        ("po/no.po", "no"),  # a code that is also a word counts in a catalog directory
        ("locale/zh_CN/LC_MESSAGES/app.po", "zh-CN"),
        ("Resources/translations/validators.fr.xlf", "fr"),
        ("Resources/translations/validators.pt_BR.xlf", "pt-BR"),
        ("src/locale/messages.ja.xlf", "ja"),
        ("app/src/main/res/values-fr/strings.xml", "fr"),
        ("app/src/main/res/values-pt-rBR/strings.xml", "pt-BR"),
        ("Base.lproj/../fr.lproj/Main.strings", "fr"),
        ("web/i18n/fr-FR/messages.json", "fr-FR"),
        ("public/locales/de/common.json", "de"),
        ("i18n/fr.json", "fr"),
        ("translations/app_de.ts", "de"),
        ("docs/it/guide.txt", "it"),
        ("x/pt-br.po", "pt-BR"),
        ("zh-Hans/Localizable.strings", "zh-Hans"),
        ("examples/seed-mt-zh-en.txt", "en"),  # a language pair names its target last
        ("tests/fixtures/score/zh-mt.txt", None),  # "mt": machine translation, not Maltese
        ("no.po", None),
        ("in.txt", None),
        ("batch.tsv", None),
        ("/tmp/pytest-of-root/pytest-3/test_x0/a.txt", None),
        ("foo/bar-to.txt", None),
    ],
)
def test_paths_name_the_target_language(path: str, lang: str | None) -> None:
    assert from_path(path) == lang


# --- the text -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "lang"),
    [
        (["ファイルを開けません", "保存しました"], "ja"),
        (["无法打开文件", "保存"], "zh"),
        (["파일을 열 수 없습니다"], "ko"),
        (["Вы уверены, что хотите выйти?"], "ru"),
        (["Не вдалося відкрити файл, її"], "uk"),
        (["Не удалось открыть файл"], "und-Cyrl"),  # no letter only Russian has
        (["لا يمكن فتح الملف"], "ar"),
        (["نمی‌توان پرونده را گشود"], "fa"),
        (["לא ניתן לפתוח את הקובץ"], "he"),
        (["Δεν είναι δυνατό το άνοιγμα"], "el"),
        (["We visited the exhibition and the museum."], "en"),
        (["He visited the base"], "en"),
        (["We built national security. team work matters"], "en"),  # a pronoun tells, too
        (["Die Datei konnte nicht geöffnet werden.", "Ist das so?"], "de"),
        (["Le fichier est ouvert dans la fenêtre et il est prêt pour vous."], "fr"),
        (["No se pudo abrir el archivo porque la ruta no es válida y está vacía."], "es"),
        (["apples,, pears"], "und-Latn"),
        (["a a"], "und-Latn"),
        (["1234 %s"], None),
        ([], None),
    ],
)
def test_the_text_tells_its_language_as_far_as_it_can(texts: list[str], lang: str | None) -> None:
    assert from_text(texts) == lang


# --- resolution: file, path, flags, text -----------------------------------------------------------


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return str(path)


PO = """
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
{language}
msgid "Save the file"
msgstr "{target}"
"""


def test_the_file_says_first(tmp_path: Path) -> None:
    path = write(tmp_path / "po" / "de.po", PO.format(language='"Language: fr\\n"', target="Enregistrer le fichier"))
    loaded = load(path, src_lang="en", tgt_lang="es")
    assert [(s.src_lang, s.tgt_lang) for s in loaded.segments] == [("en", "fr")]
    assert loaded.languages == Decision("en", "fr", "option", "file")


def test_then_the_path(tmp_path: Path) -> None:
    path = write(tmp_path / "zh_CN" / "LC_MESSAGES" / "app.po", PO.format(language="", target="保存文件"))
    loaded = load(path, tgt_lang="ja")
    assert loaded.languages == Decision("en", "zh-CN", "text", "path")


def test_then_the_flag(tmp_path: Path) -> None:
    path = write(tmp_path / "batch.tsv", "source\ttarget\nSave\tEnregistrer\n")
    assert load(path, src_lang="en", tgt_lang="fr-CA").languages == Decision("en", "fr-CA", "option", "option")


def test_then_the_text(tmp_path: Path) -> None:
    path = write(tmp_path / "batch.tsv", "source\ttarget\nSave the file\tファイルを保存します\n")
    assert load(path).languages == Decision("en", "ja", "text", "text")


def test_tmx_languages_come_from_its_variants_and_the_flags_pick_them(tmp_path: Path) -> None:
    path = write(
        tmp_path / "memory.tmx",
        """
        <tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en"
        creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
        <tu><tuv xml:lang="en"><seg>Save</seg></tuv><tuv xml:lang="de-DE"><seg>Speichern</seg></tuv>
        <tuv xml:lang="fr-FR"><seg>Enregistrer</seg></tuv></tu></body></tmx>
        """,
    )
    assert [(s.src_lang, s.tgt_lang, s.target) for s in load(path, tgt_lang="fr").segments] == [
        ("en", "fr-FR", "Enregistrer")
    ]


# --- rules apply where they say ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scope", "src", "tgt", "admitted"),
    [
        (Scope(), None, None, True),
        (Scope(("en",)), None, "en-GB", True),
        (Scope(("en",)), None, "de", False),
        (Scope(("en",)), None, None, False),  # an unknown target is not English
        (Scope(("en",)), None, "und-Latn", False),
        (Scope(("Latn",)), None, "und-Latn", True),
        (Scope(("Latn",)), None, "sr-Latn", True),
        (Scope(("Latn",)), None, "sr", False),
        (Scope(("Hani", "Jpan")), None, "zh-Hant", True),
        (Scope(("pt-BR",)), None, "pt-BR", True),
        (Scope(("pt-BR",)), None, "pt-PT", False),
        (Scope(("en",), ("zh",)), "zh-CN", "en", True),
        (Scope(("en",), ("zh",)), "ja", "en", False),
        (Scope(("en",), ("zh",)), None, "en", True),  # no source language known: the source test decides
    ],
)
def test_scopes(scope: Scope, src: str | None, tgt: str | None, admitted: bool) -> None:
    assert scope.admits(src, tgt) is admitted


def seg(target: str, tgt_lang: str | None, source: str | None = None, src_lang: str | None = None) -> Segment:
    return Segment("t", target, Origin("t", 1), source=source, src_lang=src_lang, tgt_lang=tgt_lang)


class Counting:
    """A rule that counts its calls."""

    def __init__(self, scope: Scope) -> None:
        self.info = RuleInfo("my.counting", "other", "minor", "counts", scope=scope)  # type: ignore[arg-type]
        self.literals = None
        self.calls = 0

    def hits(self, segment: Segment):
        self.calls += 1
        return [Hit(0, 1, "seen")]


def test_the_engine_selects_rules_once_per_language_pair() -> None:
    rule = Counting(Scope(("de",)))
    checker = Checker([rule])
    found = [len(checker.check_segment(seg(text, lang))) for text, lang in [("Hallo", "de"), ("Bonjour", "fr")] * 50]
    assert found == [1, 0] * 50
    assert rule.calls == 50
    assert set(checker._selections) == {(None, "de"), (None, "fr")}


def test_english_only_checks_never_run_on_other_targets() -> None:
    checker = Checker(build_rules(Settings()))
    english = {rule.info.id for rule in checker.rules if rule.info.scope.targets == ("en",)}
    assert {"trunc.fragment", "trunc.dangling-end", "number.thousands-separator", "repeat.coordination"} <= english
    assert {rule for rule in english if rule.startswith("zh-en.")}  # the zh-en packs are English too
    text = "Sicherheit. team and departments and departments 250000 von der"
    source = "Security 250000."
    # trunc.unterminated reads the target language's sentence ends: the one trunc rule for every language
    assert {f.rule for f in checker.check_segment(seg(text, "de", source, "en"))} == {"trunc.unterminated"}
    assert {f.rule for f in checker.check_segment(seg(text, "en", source, "en"))} == {
        "trunc.lowercase-after-stop",
        "repeat.coordination",
        "number.thousands-separator",
        "trunc.unterminated",
    }


def test_a_cjk_target_is_not_untranslated_text() -> None:
    checker = Checker(build_rules(Settings()))
    assert checker.check_segment(seg("設定を保存しました。", "ja", "Settings saved.", "en")) == []
    assert [f.rule for f in checker.check_segment(seg("設定を保存しました。", "en", "Settings saved.", "en"))] == [
        "untranslated.cjk"
    ]


def test_a_mixed_batch_gets_each_file_its_languages(tmp_path: Path) -> None:
    """A Chinese catalog without a Language header, a Japanese TSV, a German PO: no false alarm."""
    write(tmp_path / "po" / "zh_CN.po", PO.format(language="", target="保存文件"))
    write(tmp_path / "ja.tsv", "source\ttarget\nSave the file.\tファイルを保存します。\n")
    write(tmp_path / "po" / "de.po", PO.format(language='"Language: de\\n"', target="Die Datei die die App speichert"))
    result = run_cli("check", "--format", "json", str(tmp_path))
    assert json.loads(result.stdout)["findings"] == []
    assert result.returncode == 0


# --- locale data -----------------------------------------------------------------------------------


def test_locales_come_from_the_packs() -> None:
    assert locale_for("fr-CA").space_before == ";:!?»"
    assert ("„", "“") in locale_for("de-AT").quotes
    assert locale_for("es").opening_marks == "¿¡"
    assert locale_for("ja").fullwidth_punctuation[","] == "、"
    assert locale_for("ar").rtl is True
    assert "vous" in locale_for("fr").repeats
    assert locale_for("xh") is DEFAULT
    assert locale_for(None) is DEFAULT


def test_a_users_pack_may_not_bring_a_locale(tmp_path: Path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text('[pack]\nname = "mine"\ntarget-lang = "de"\n[locale]\nrepeats = ["so"]\n', encoding="utf-8")
    assert load_pack(pack).locale is not None  # a well-formed table…
    with pytest.raises(PackError, match=r"mine\.toml: \[locale\] tables are read from the shipped packs only"):
        RuleSet.load([pack], shipped=False)  # …that only the shipped packs may set


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('quotes = ["«"]', r"\[locale\] `quotes` is a list of two-character strings"),
        ("repeats = 3", r"\[locale\] `repeats` must be a list of strings"),
        ("rtl = 1", r"\[locale\] `rtl` must be true or false"),
        ('colour = "red"', r"\[locale\] unknown key\(s\) colour"),
    ],
)
def test_bad_locale_tables_are_one_line_errors(tmp_path: Path, table: str, message: str) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(f'[pack]\nname = "mine"\ntarget-lang = "de"\n[locale]\n{table}\n', encoding="utf-8")
    with pytest.raises(PackError, match=message):
        load_pack(pack)


def test_every_shipped_locale_error_names_exactly_what_it_flags() -> None:
    """Each pack's bad examples say what their rule flags (``flagged``); the suite and
    ``rules test`` then hold the rule to those exact spans."""
    packs = [pack for pack in RuleSet.load(check_examples=False).packs if pack.examples]
    assert len(packs) >= 13
    for pack in packs:
        for example in pack.examples:
            assert example.rule is None or example.flagged, (pack.path, example.target)


def test_a_locale_example_flagged_elsewhere_is_a_problem(tmp_path: Path) -> None:
    every = RuleSet.load(check_examples=False)
    de = next(pack for pack in every.packs if pack.path.endswith("de/locale.toml"))
    right = LocaleExample(
        "Die Datei wurde wurde gelöscht.", rule="repeat.word", tgt_lang="de", flagged=("wurde wurde",)
    )
    wrong = LocaleExample("Die Datei wurde wurde gelöscht.", rule="repeat.word", tgt_lang="de", flagged=("Datei",))
    assert right.flagged_spans() == [(10, 21)]
    assert locale_example_problems(replace(de, examples=(right,)), every.rules) == []
    assert locale_example_problems(replace(de, examples=(wrong,)), every.rules) == [
        "example 'Die Datei wurde wurde gelöscht.': repeat.word flags ['wurde wurde'], expected ['Datei']"
    ]


@pytest.mark.parametrize(
    ("example", "message"),
    [
        ('target = "x"\nrule = "repeat.word"\nflagged = 3', r"example #1: `flagged` must be the flagged text"),
        ('target = "x x"\nflagged = "x x"', r"example #1: a `flagged` needs the `rule` that flags the example"),
    ],
)
def test_bad_locale_examples_are_one_line_errors(tmp_path: Path, example: str, message: str) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(
        f'[pack]\nname = "mine"\ntarget-lang = "de"\n[locale]\nrepeats = ["so"]\n[[example]]\n{example}\n',
        encoding="utf-8",
    )
    with pytest.raises(PackError, match=message):
        load_pack(pack)


def test_pack_and_rule_languages(tmp_path: Path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(
        textwrap.dedent(
            """
            [pack]
            name = "mine"
            target-lang = ["de", "Cyrl"]
            [[rule]]
            id = "my.rule"
            target-lang = "fr"
            pattern = 'x'
            message = "x"
            category = "other"
            severity = "minor"
            bad = [{target = "x", target-lang = "fr"}]
            good = ["y"]
            [[rule]]
            id = "my.other"
            pattern = 'x'
            message = "x"
            category = "other"
            severity = "minor"
            bad = ["x"]
            good = ["y"]
            """
        ),
        encoding="utf-8",
    )
    first, second = load_pack(pack).rules
    assert first.info.scope == Scope(("fr",))
    assert second.info.scope == Scope(("de", "Cyrl"))
    pack.write_text('[pack]\nname = "m"\ntarget-lang = "German"\n[[rule]]\nid = "a.b"\n', encoding="utf-8")
    with pytest.raises(PackError, match=r"target-lang must be a language code such as 'zh' or 'en-GB', a script"):
        load_pack(pack)


# --- surface rules: code and copied text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "protected"),
    [
        ("Compare %s..%s now", ["%s", "%s"]),
        ("Pfad ../config/app.ini lesen", ["../config/app.ini"]),
        ("Run git commit --amend -m", ["--amend", "-m"]),
        ("Hello {name}, see https://example.com/a,b", ["{name}", "https://example.com/a,b"]),
        ("Esperando ~a a que", ["~a"]),
        ("Press `q` to quit", ["`q`"]),
        ("名前（ ``coco.bango`` 、 ``example.com``、など）", ["``coco.bango``", "``example.com``"]),  # reST
        ("Open C:\\Temp\\a.txt", ["C:\\Temp\\a.txt"]),
        ("a <b>bold</b> word", ["<b>", "</b>"]),
        ("A plain sentence, with a comma.", []),
    ],
)
def test_protected_spans(text: str, protected: list[str]) -> None:
    assert [text[start:end] for start, end in protected_spans(text)] == protected


def test_context_takes_the_tokens_around_a_span() -> None:
    assert context("Anzeigen [y,n,q]?", 11, 13) == "[y,n,q]?"
    assert context("--all   alle zeigen", 5, 8) == "--all   alle"


COPIED = [
    ("Vergleiche %s..%s", "Compare %s..%s"),
    ("Änderung verwerfen [y,n,q,a,d]?", "Discard change [y,n,q,a,d]?"),
    ("Referenzen {heads,tags} holen", "fetch {heads,tags} refs"),
    ("status        Pfade mit Änderungen anzeigen", "status        show paths with changes"),
    ("Acre,Acres,ac", "acre,acres,ac"),
    ("Voir ../foo", "See ../foo"),
    ("Zeitraum [0, 1)", "Range [0, 1)"),
    ("Die Committee Committee tagte.", "The Committee Committee met."),  # a name copied whole
    ("Probieren Sie »help help«.", "Try `help help'."),  # a command copied, quoted the German way
]


@pytest.mark.parametrize(("target", "source"), COPIED)
def test_what_the_source_has_the_same_is_not_flagged(target: str, source: str) -> None:
    checker = Checker(build_rules(Settings()))
    assert checker.check_segment(seg(target, "de", source, "en")) == []


def test_a_stutter_translated_from_a_stuttering_source_is_still_one() -> None:
    checker = Checker(build_rules(Settings()))
    findings = checker.check_segment(seg("Ouvrir le le fichier", "fr", "Open the the file", "en"))
    assert [(f.rule, f.start, f.end) for f in findings] == [("repeat.word", 7, 12)]


def test_the_same_text_without_its_source_is_flagged() -> None:
    checker = Checker(build_rules(Settings()))
    found = [(f.rule, f.text) for f in checker.check_segment(seg("Änderung verwerfen [y,n,q,a,d]?", "de"))]
    assert ("punct.missing-space", ",q") in found


TOKENS = [
    "%s",
    "%1$d",
    "{0}",
    "{name}",
    "<b>",
    "</b>",
    "~a",
    "../",
    "--all",
    "a",
    "die",
    " ",
    "  ",
    ",",
    ".",
    "..",
    "!",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=12).map("".join), st.sampled_from(["de", "fr", "en", "ja"]))
def test_surface_findings_never_touch_protected_spans(text: str, lang: str) -> None:
    checker = Checker(BUILTIN_CHECKS)
    spans = protected_spans(text)
    for finding in checker.check_segment(seg(text, lang)):
        if finding.rule.split(".")[0] in ("punct", "repeat", "cjk"):
            assert not any(finding.start < end and start < finding.end for start, end in spans), finding


@pytest.mark.parametrize(
    ("source", "target", "key"),
    [
        ("translator-credits", "Anna Nowak <anna@example.org>, 2019", True),
        ("timesheet.rules.long_running_duration", "Durée en minutes (0 = désactivé)", True),
        ("field.cropXPostfix", "rango 0 a 100", True),
        ("0824486", "Vous devez choisir au plus 5 options.", True),
        ("Save the file", "Enregistrer le fichier 5 fois", False),
        ("%s", "Le fichier %s a 5 lignes", False),
    ],
)
def test_a_message_key_for_a_source_is_not_compared_with(source: str, target: str, key: bool) -> None:
    """Every target here has a number its source lacks: an error only against a real text."""
    checker = Checker(build_rules(Settings()))
    found = {f.rule for f in checker.check_segment(seg(target, "fr", source, "en"))}
    assert ("number.extra" in found) is not key


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["/", "de", "pt", "-", "_", "rBR", "BR", "zh", "Hans", ".", "po", "json", "LC_MESSAGES", "values",
             "lproj", "locale", "locales", "i18n", "l10n", "translation", "translations", "lang", "langs",
             "languages", "messages", "res", "x", "@latin", "\\"]
        ),
        max_size=10,
    ).map("".join)
)  # fmt: skip
@hypothesis_example("lang/de.json")
@hypothesis_example("langs/pt_BR.po")
@hypothesis_example("translations/de.po")
@hypothesis_example("app/messages/de/x.xlf")
@hypothesis_example("res/values-de/strings.xml")
@hypothesis_example("src/i18n/de/x.json")
@hypothesis_example("po/de.po")
@hypothesis_example("x/de/LC_MESSAGES/x.po")
@hypothesis_example("Base/de.lproj/x.strings")
@hypothesis_example("languages/de/x.xlf")
def test_a_path_convention_matches_only_where_one_of_its_markers_is(path: str) -> None:
    """from_path looks for a convention's markers before searching its pattern."""
    from mtcheck.lang.detect import PATH_CONVENTIONS

    normal = path.replace("\\", "/")
    for name, pattern, _strict, markers in PATH_CONVENTIONS:
        if markers and pattern.search(normal):
            assert any(marker in normal for marker in markers), (name, normal)
